package io.leadstream.gateway.mautic;

import io.leadstream.gateway.companies.CompanyCommands;
import io.leadstream.gateway.companies.CompanyFields;
import io.leadstream.gateway.companies.CompanyStore.Company;
import io.leadstream.gateway.companies.KnownCompanies;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Mautic's companies endpoints ({@code /api/companies...}, and a contact's companies) over ours: integer ids,
 * fields at the top level of a write's body as Mautic's clients send them, checked as company fields (400 with
 * the reasons), and the company's shape ({@link CompanyView}). Writes are the engine's company commands; this
 * gateway's recent writes are laid over reads, so a company just created answers and takes contacts at once.
 */
final class MauticCompanies {
    static final String KIND = "company";
    /** Companies a list reads at most, in storage order; search and total are over those. */
    static final int MAX_LIST = 10_000;
    private static final Set<String> NOT_FIELDS = Set.of("id", "isPublished", "overwriteWithBlank", "owner", "score", "dateAdded", "dateModified",
            "createdBy", "modifiedBy", "fields");

    private final MauticCatalog catalog;
    private final MauticIds ids;
    private final MauticContacts contacts;
    private final KnownCompanies companies;
    private final CompanyCommands commands;
    private final CompanyFields fields;

    MauticCompanies(MauticCatalog catalog, MauticContacts contacts, KnownCompanies companies, CompanyCommands commands, CompanyFields fields) {
        this.catalog = catalog;
        this.ids = catalog.ids();
        this.contacts = contacts;
        this.companies = companies;
        this.commands = commands;
        this.fields = fields;
    }

    void mount(Router router) {
        router.get("/api/companies").handler(this::list);
        router.post("/api/companies/new").handler(this::create);
        router.get("/api/companies/:id").handler(ctx -> withCompany(ctx, c -> answer(ctx, 200, c)));
        router.patch("/api/companies/:id/edit").handler(ctx -> edit(ctx, false));
        router.put("/api/companies/:id/edit").handler(ctx -> edit(ctx, true));
        router.delete("/api/companies/:id/delete").handler(this::delete);
        router.post("/api/companies/:id/contact/:cid/:op").handler(this::membership);
        router.get("/api/contacts/:id/companies").handler(this::contactCompanies);
    }

    // ---------------------------------------------------------------------------------------------
    // Reads

    /** {@code {"total", "companies": {id: company}}}: {@code search} on the name (any case, "companyname:" optional), start and limit. */
    private void list(RoutingContext ctx) {
        int start = MauticContacts.intParam(ctx, "start", 0);
        int limit = MauticContacts.intParam(ctx, "limit", 30);
        if (start < 0 || limit < 1 || limit > 1000) {
            MauticReplies.error(ctx, 400, "start and limit: start >= 0, 1 <= limit <= 1000");
            return;
        }
        String search = search(ctx.queryParams().get("search"));
        Future.fromCompletionStage(companies.store().first(MAX_LIST)).compose(read -> {
            List<Company> matching = read.stream().limit(MAX_LIST)
                    .filter(c -> search == null || (c.name() != null && c.name().toLowerCase(Locale.ROOT).contains(search))).toList();
            List<Future<Object[]>> page = new ArrayList<>();
            matching.stream().skip(start).limit(limit).forEach(c -> page.add(Future.fromCompletionStage(ids.idOf(KIND, c.id()))
                    .map(id -> new Object[] {id, c})));
            return Future.all(Future.all(page), catalog.companyFields()).map(x -> {
                JsonObject items = new JsonObject();
                page.forEach(f -> items.put(Long.toString((Long) f.result()[0]),
                        CompanyView.of((Long) f.result()[0], (Company) f.result()[1], x.<Map<String, ContactView.Field>>resultAt(1))));
                return new JsonObject().put("total", matching.size()).put("companies", items);
            });
        }).onComplete(ar -> {
            if (ar.failed()) {
                MauticReplies.failed(ctx, ar.cause());
            } else {
                MauticReplies.json(ctx, 200, ar.result());
            }
        });
    }

    private static String search(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.strip();
        if (s.regionMatches(true, 0, CompanyFields.NAME + ":", 0, CompanyFields.NAME.length() + 1)) {
            s = s.substring(CompanyFields.NAME.length() + 1).strip();
        }
        return s.isEmpty() ? null : s.toLowerCase(Locale.ROOT);
    }

    /** {@code {"total", "companies": [{company_id, date_associated, is_primary, companyname...}]}}, the primary first. */
    private void contactCompanies(RoutingContext ctx) {
        contacts.withContact(ctx, contact -> {
            List<String> listed = contact.profile() == null ? List.of() : contact.profile().pointsAndTags().companies();
            String primary = contact.profile() == null ? null : contact.profile().pointsAndTags().primaryCompany();
            List<Future<Optional<JsonObject>>> entries = new ArrayList<>();
            Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
            for (String listedId : listed) {
                entries.add(Future.fromCompletionStage(companies.find(listedId)).compose(found -> {
                    if (found.isEmpty() || !seen.add(found.get().id())) {
                        return Future.succeededFuture(Optional.<JsonObject>empty());
                    }
                    Company c = found.get();
                    Future<Optional<Instant>> since = Future.fromCompletionStage(companies.store().since(c.id(), contact.contactId()))
                            .compose(s -> s.isPresent() || c.id().equals(listedId) ? Future.succeededFuture(s)
                                    : Future.fromCompletionStage(companies.store().since(listedId, contact.contactId())));
                    Future<Long> id = Future.fromCompletionStage(ids.idOf(KIND, c.id()));
                    boolean isPrimary = listedId.equals(primary) || c.id().equals(primary);
                    return Future.all(since, id).map(x -> Optional.of(CompanyView.membership(id.result(), c, since.result().orElse(null), isPrimary)));
                }));
            }
            Future.all(entries).onComplete(ar -> {
                if (ar.failed()) {
                    MauticReplies.failed(ctx, ar.cause());
                    return;
                }
                List<JsonObject> out = new ArrayList<>();
                ar.result().<Optional<JsonObject>>list().forEach(e -> e.ifPresent(out::add));
                out.sort(java.util.Comparator.comparing((JsonObject j) -> !"1".equals(j.getString("is_primary"))));
                MauticReplies.json(ctx, 200, new JsonObject().put("total", out.size()).put("companies", new JsonArray(out)));
            });
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Writes

    /** {@code POST /api/companies/new}: the name is required; 201 {@code {"company"}}. */
    private void create(RoutingContext ctx) {
        Map<String, String> values = checked(ctx);
        if (values != null && named(ctx, values)) {
            created(ctx, values);
        }
    }

    private void created(RoutingContext ctx, Map<String, String> values) {
        String id = UUID.randomUUID().toString();
        written(ctx, commands.upsert(id, values, true).compose(c -> found(id)), 201);
    }

    /**
     * {@code PATCH|PUT /api/companies/{id}/edit}: PATCH changes the fields given (404 for an unknown company); PUT
     * also clears every field it does not give (the name excepted), and creates the company when the id names none.
     */
    private void edit(RoutingContext ctx, boolean replace) {
        Map<String, String> values = checked(ctx);
        if (values == null) {
            return;
        }
        Long number = MauticCatalog.number(ctx.pathParam("id"));
        Future<Optional<Company>> existing = number == null ? Future.succeededFuture(Optional.empty())
                : Future.fromCompletionStage(ids.target(KIND, number))
                        .compose(t -> t.isEmpty() ? Future.succeededFuture(Optional.<Company>empty()) : Future.fromCompletionStage(companies.find(t.get())));
        existing.onComplete(ar -> {
            if (ar.failed()) {
                MauticReplies.failed(ctx, ar.cause());
            } else if (ar.result().isEmpty() && !replace) {
                MauticReplies.error(ctx, 404, "Item was not found.");
            } else if (ar.result().isEmpty()) {
                if (named(ctx, values)) {
                    created(ctx, values);
                }
            } else {
                Company c = ar.result().get();
                Map<String, String> change = new TreeMap<>(values);
                if (replace) {
                    c.fields().keySet().stream().filter(f -> !values.containsKey(f) && !f.equals(CompanyFields.NAME)).forEach(f -> change.put(f, ""));
                }
                Future<Optional<Company>> after = change.isEmpty() ? Future.succeededFuture(Optional.of(c))
                        : commands.upsert(c.id(), change, false).compose(x -> found(c.id()));
                written(ctx, after, 200);
            }
        });
    }

    /** {@code DELETE /api/companies/{id}/delete}: answers the company as it was. */
    private void delete(RoutingContext ctx) {
        withCompany(ctx, c -> view(c).compose(v -> commands.delete(c.id()).map(x -> v)).onComplete(ar -> {
            if (ar.failed()) {
                MauticReplies.failed(ctx, ar.cause());
            } else {
                MauticReplies.json(ctx, 200, new JsonObject().put("company", ar.result()));
            }
        }));
    }

    /** {@code POST /api/companies/{id}/contact/{cid}/add|remove}: {@code {"success": 1}} once Kafka has it. */
    private void membership(RoutingContext ctx) {
        String op = ctx.pathParam("op");
        if (!op.equals("add") && !op.equals("remove")) {
            MauticReplies.error(ctx, 404, "Item was not found: add or remove");
            return;
        }
        withCompany(ctx, c -> contacts.withContact(ctx, ctx.pathParam("cid"), contact ->
                (op.equals("add") ? commands.link(c.id(), contact.contactId()) : commands.unlink(c.id(), contact.contactId()))
                        .onComplete(ar -> MauticReplies.successOr(ctx, ar))));
    }

    // ---------------------------------------------------------------------------------------------

    /** The body's company fields, checked and in their stored form; null after answering 400. Blanks only with {@code overwriteWithBlank}. */
    private Map<String, String> checked(RoutingContext ctx) {
        JsonObject body = MauticContacts.body(ctx);
        if (body == null) {
            return null;
        }
        boolean blanks = Boolean.TRUE.equals(body.getValue("overwriteWithBlank")) || "1".equals(String.valueOf(body.getValue("overwriteWithBlank")));
        Map<String, String> given = new LinkedHashMap<>();
        body.forEach(e -> {
            if (NOT_FIELDS.contains(e.getKey()) || e.getValue() instanceof JsonObject || e.getValue() instanceof JsonArray) {
                return;
            }
            String v = e.getValue() == null ? "" : String.valueOf(e.getValue());
            if (!v.isBlank() || blanks) {
                given.put(e.getKey(), v);
            }
        });
        if (given.size() > CompanyFields.MAX_FIELDS) {
            MauticReplies.error(ctx, 400, "at most " + CompanyFields.MAX_FIELDS + " fields");
            return null;
        }
        CompanyFields.Checked checked = fields.check(given, "/");
        if (!checked.accepted()) {
            MauticReplies.error(ctx, 400, checked.reasons());
            return null;
        }
        return checked.values();
    }

    private static boolean named(RoutingContext ctx, Map<String, String> values) {
        String name = values.get(CompanyFields.NAME);
        if (name == null || name.isEmpty()) {
            MauticReplies.error(ctx, 400, CompanyFields.NAME + ": A value is required.");
            return false;
        }
        return true;
    }

    /** The company an integer id names (its survivor after a merge), or 404. */
    private void withCompany(RoutingContext ctx, Consumer<Company> then) {
        Long number = MauticCatalog.number(ctx.pathParam("id"));
        if (number == null) {
            MauticReplies.error(ctx, 404, "Item was not found: a company id is an integer");
            return;
        }
        Future.fromCompletionStage(ids.target(KIND, number))
                .compose(target -> target.isEmpty() ? Future.succeededFuture(Optional.<Company>empty()) : found(target.get()))
                .onComplete(ar -> MauticReplies.foundOr404(ctx, ar, then));
    }

    private Future<Optional<Company>> found(String companyId) {
        return Future.fromCompletionStage(companies.find(companyId));
    }

    /** The company in Mautic's shape, with its integer id. */
    private Future<JsonObject> view(Company c) {
        Future<Long> id = Future.fromCompletionStage(ids.idOf(KIND, c.id()));
        Future<Map<String, ContactView.Field>> catalogFields = catalog.companyFields();
        return Future.all(id, catalogFields).map(x -> CompanyView.of(id.result(), c, catalogFields.result()));
    }

    private void answer(RoutingContext ctx, int status, Company c) {
        view(c).onComplete(ar -> MauticContacts.reply(ctx, status, "company", ar));
    }

    /** Answers {@code {"company"}} with {@code status} once the write is on Kafka and the company read back (with the write laid over). */
    private void written(RoutingContext ctx, Future<Optional<Company>> after, int status) {
        after.onComplete(ar -> {
            if (ar.failed()) {
                MauticReplies.failed(ctx, ar.cause());
            } else if (ar.result().isEmpty()) {
                MauticReplies.error(ctx, 404, "Item was not found.");
            } else {
                answer(ctx, status, ar.result().get());
            }
        });
    }
}
