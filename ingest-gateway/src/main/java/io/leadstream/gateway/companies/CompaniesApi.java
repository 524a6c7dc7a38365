package io.leadstream.gateway.companies;

import static io.leadstream.gateway.Responses.error;
import static io.leadstream.gateway.Responses.json;
import static io.leadstream.gateway.contacts.ApiReplies.intParam;
import static io.leadstream.gateway.contacts.ApiReplies.reply;

import io.leadstream.definitions.Problem;
import io.leadstream.gateway.Responses;
import io.leadstream.gateway.companies.CompanyStore.Company;
import io.leadstream.gateway.contacts.ContactStore;
import io.leadstream.schemas.engine.CompanyCommand;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Companies under the bearer-protected /api/v1 (docs/companies.md):
 * <ul>
 *   <li>{@code GET /api/v1/companies?page&size}, {@code GET /api/v1/companies/{id}} (a merged id answers its
 *       survivor), {@code GET /api/v1/companies/{id}/contacts?page&size};</li>
 *   <li>{@code PUT /api/v1/companies/{id}} and {@code POST /api/v1/companies} ({@code {"fields": {...}}}, each value
 *       checked against its company field first: 422 names every refused one), {@code DELETE /api/v1/companies/{id}};</li>
 *   <li>{@code POST /api/v1/companies/{id}/contacts} ({@code {"add", "remove"}}), {@code .../merge} ({@code {"from"}})
 *       and {@code .../points} ({@code {"delta"}}).</li>
 * </ul>
 * Writes are commands for the engine's company processor, answered once Kafka has them; the engine writes the
 * company's row within a second or so, and until then this gateway lays its own writes over what it reads.
 */
public final class CompaniesApi {
    static final int DEFAULT_PAGE_SIZE = 25;
    static final int MAX_PAGE_SIZE = 100;
    /** Deepest position a page reaches (page * size): lists are read from their start. */
    static final int MAX_DEPTH = 10_000;
    /** Ids of the companies the engine makes for an email domain or a typed company name by itself. */
    static final List<String> ENGINE_PREFIXES = List.of("domain:", "name:");

    private final KnownCompanies companies;
    private final ContactStore contacts;
    private final CompanyCommands commands;
    private final CompanyFields fields;

    /** {@code companies} null: the contacts API, and this one with it, is off (404). */
    public CompaniesApi(KnownCompanies companies, ContactStore contacts, CompanyCommands commands, CompanyFields fields) {
        this.companies = companies;
        this.contacts = contacts;
        this.commands = commands;
        this.fields = fields;
    }

    /** Registers the routes, writes behind {@code jsonType} and {@code body}; before the generic /api/v1/:kind/:id ones. */
    public void mount(Router router, Handler<RoutingContext> jsonType, Handler<RoutingContext> body) {
        router.get("/api/v1/companies").handler(this::list);
        router.post("/api/v1/companies").handler(jsonType).handler(body).handler(this::create);
        router.get("/api/v1/companies/:id").handler(this::get);
        router.put("/api/v1/companies/:id").handler(jsonType).handler(body).handler(this::put);
        router.delete("/api/v1/companies/:id").handler(this::delete);
        router.get("/api/v1/companies/:id/contacts").handler(this::members);
        router.post("/api/v1/companies/:id/contacts").handler(jsonType).handler(body).handler(this::changeMembers);
        router.post("/api/v1/companies/:id/merge").handler(jsonType).handler(body).handler(this::merge);
        router.post("/api/v1/companies/:id/points").handler(jsonType).handler(body).handler(this::points);
    }

    // ---------------------------------------------------------------------------------------------
    // Reads

    void list(RoutingContext ctx) {
        if (!enabled(ctx)) {
            return;
        }
        int[] paging = paging(ctx);
        if (paging == null) {
            return;
        }
        reply(ctx, companies.store().first(paging[0] * paging[1]), read -> json(ctx, CompanyJson.list(read, paging[0], paging[1])));
    }

    void get(RoutingContext ctx) {
        withCompany(ctx, c -> json(ctx, CompanyJson.company(c)));
    }

    void members(RoutingContext ctx) {
        int[] paging = enabled(ctx) ? paging(ctx) : null;
        if (paging == null) {
            return;
        }
        withCompany(ctx, c -> reply(ctx, companies.store().members(c.id(), paging[0], paging[1]),
                page -> json(ctx, CompanyJson.members(c, page, paging[0], paging[1]))));
    }

    // ---------------------------------------------------------------------------------------------
    // Writes

    /** A new company with a new id: 201 with its Location. */
    void create(RoutingContext ctx) {
        Map<String, String> values = checkedFields(ctx);
        if (values == null) {
            return;
        }
        if (!named(ctx, values)) {
            return;
        }
        String id = UUID.randomUUID().toString();
        answered(ctx, commands.upsert(id, values, true), "company", command -> {
            ctx.response().setStatusCode(201).putHeader("Location", "/api/v1/companies/" + id);
            json(ctx, written(id, id, command).put("fields", new JsonObject(new java.util.LinkedHashMap<>(values))).put("created", true));
        });
    }

    /** Creates the company under the path's id, or changes the one it names (its survivor after a merge). */
    void put(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!enabled(ctx) || !validId(ctx, id)) {
            return;
        }
        Map<String, String> values = checkedFields(ctx);
        if (values == null) {
            return;
        }
        reply(ctx, companies.find(id), found -> {
            if (found.isEmpty() && ENGINE_PREFIXES.stream().anyMatch(id::startsWith)) {
                error(ctx, 400, "ids starting with " + String.join(" or ", ENGINE_PREFIXES)
                        + " are given by the engine to the companies it makes for an email domain or a company name");
                return;
            }
            if (found.isEmpty() && !named(ctx, values)) {
                return;
            }
            String target = found.map(Company::id).orElse(id);
            answered(ctx, commands.upsert(target, values, found.isEmpty()), "company", command -> {
                ctx.response().setStatusCode(202);
                json(ctx, written(target, id, command).put("fields", new JsonObject(new java.util.LinkedHashMap<>(values)))
                        .put("created", found.isEmpty()));
            });
        });
    }

    void delete(RoutingContext ctx) {
        withCompany(ctx, c -> answered(ctx, commands.delete(c.id()), "company", command -> {
            ctx.response().setStatusCode(202);
            json(ctx, written(c.id(), c.requested(), command));
        }));
    }

    /** Contacts in and out of the company: every contact is resolved to its root first, and one unknown sends nothing (404). */
    void changeMembers(RoutingContext ctx) {
        CompanyRequests.MemberChanges changes = parsed(ctx, () -> CompanyRequests.members(ctx.body().buffer()));
        if (changes == null) {
            return;
        }
        withCompany(ctx, c -> reply(ctx, roots(changes), roots -> {
            Optional<String> unknown = roots.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).findFirst();
            if (unknown.isPresent()) {
                error(ctx, 404, "no contact " + unknown.get());
                return;
            }
            Set<String> add = new LinkedHashSet<>();
            Set<String> remove = new LinkedHashSet<>();
            changes.add().forEach(id -> add.add(roots.get(id).get()));
            changes.remove().forEach(id -> remove.add(roots.get(id).get()));
            remove.removeAll(add); // two ids of one contact: adding wins
            List<Future<CompanyCommand>> sent = new ArrayList<>();
            add.forEach(contact -> sent.add(commands.link(c.id(), contact)));
            remove.forEach(contact -> sent.add(commands.unlink(c.id(), contact)));
            answered(ctx, Future.all(sent).map(all -> all.<CompanyCommand>list()), "company contacts", done -> {
                ctx.response().setStatusCode(202);
                json(ctx, new JsonObject().put("company", c.id()).put("requested", c.requested()).put("add", new JsonArray(List.copyOf(add)))
                        .put("remove", new JsonArray(List.copyOf(remove)))
                        .put("commandIds", new JsonArray(done.stream().map(CompanyCommand::getCommandId).toList())));
            });
        }));
    }

    /** The company {@code from} names goes into the path's; both must exist and be two companies. */
    void merge(RoutingContext ctx) {
        String from = parsed(ctx, () -> CompanyRequests.mergeFrom(ctx.body().buffer()));
        if (from == null) {
            return;
        }
        if (from.equals(ctx.pathParam("id"))) {
            error(ctx, 400, "a company cannot be merged into itself");
            return;
        }
        withCompany(ctx, into -> reply(ctx, companies.find(from), merged -> {
            if (merged.isEmpty()) {
                error(ctx, 404, "no company " + from);
                return;
            }
            if (merged.get().id().equals(into.id())) {
                error(ctx, 400, "company " + from + " was merged into " + into.id() + " already");
                return;
            }
            answered(ctx, commands.merge(merged.get().id(), into.id()), "merge", command -> {
                ctx.response().setStatusCode(202);
                json(ctx, written(into.id(), into.requested(), command).put("merged", merged.get().id()));
            });
        }));
    }

    void points(RoutingContext ctx) {
        Integer delta = parsed(ctx, () -> CompanyRequests.delta(ctx.body().buffer()));
        if (delta == null) {
            return;
        }
        withCompany(ctx, c -> answered(ctx, commands.addPoints(c.id(), delta), "points", command -> {
            ctx.response().setStatusCode(202);
            json(ctx, written(c.id(), c.requested(), command).put("delta", delta));
        }));
    }

    // ---------------------------------------------------------------------------------------------

    private static JsonObject written(String id, String requested, CompanyCommand command) {
        return new JsonObject().put("id", id).put("requested", requested).put("commandId", command.getCommandId());
    }

    /** Each contact id given to its root, or empty when nothing is known about it. */
    private CompletionStage<Map<String, Optional<String>>> roots(CompanyRequests.MemberChanges changes) {
        List<String> ids = new ArrayList<>(changes.add());
        ids.addAll(changes.remove());
        List<Future<Optional<String>>> found = new ArrayList<>();
        ids.forEach(id -> found.add(Future.fromCompletionStage(contacts.profile(id)).map(p -> p.map(ContactStore.Profile::id))));
        return Future.all(found).map(all -> {
            Map<String, Optional<String>> out = new java.util.LinkedHashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                out.put(ids.get(i), all.resultAt(i));
            }
            return out;
        }).toCompletionStage();
    }

    /** The body's fields checked and in their stored form; null after answering 400 or 422. */
    private Map<String, String> checkedFields(RoutingContext ctx) {
        if (!enabled(ctx)) {
            return null;
        }
        Map<String, String> given = parsed(ctx, () -> CompanyRequests.fields(ctx.body().buffer()));
        if (given == null) {
            return null;
        }
        CompanyFields.Checked checked = fields.check(given, "/fields/");
        if (!checked.accepted()) {
            Responses.unprocessable(ctx, "company field values refused", checked.problems());
            return null;
        }
        return checked.values();
    }

    /** A new company needs its name; false after answering 422. */
    private static boolean named(RoutingContext ctx, Map<String, String> values) {
        String name = values.get(CompanyFields.NAME);
        if (name == null || name.isEmpty()) {
            Responses.unprocessable(ctx, "a new company needs a name",
                    List.of(new Problem("/fields/" + CompanyFields.NAME, CompanyFields.NAME + ": required for a new company")));
            return false;
        }
        return true;
    }

    private <T> T parsed(RoutingContext ctx, java.util.function.Supplier<T> parse) {
        if (!enabled(ctx)) {
            return null;
        }
        try {
            return parse.get();
        } catch (CompanyRequests.Invalid e) {
            error(ctx, 400, e.getMessage());
            return null;
        }
    }

    /** The path's company (its survivor after a merge), or 400 / 404 / 503 answered. */
    private void withCompany(RoutingContext ctx, Consumer<Company> then) {
        String id = ctx.pathParam("id");
        if (!enabled(ctx) || !validId(ctx, id)) {
            return;
        }
        reply(ctx, companies.find(id), found -> found.ifPresentOrElse(then, () -> error(ctx, 404, "no company " + id)));
    }

    /** Answers on the request's context once Kafka has the commands; 503 + Retry-After when it has not. */
    private static <T> void answered(RoutingContext ctx, Future<T> sent, String what, Consumer<T> then) {
        Context context = ctx.vertx().getOrCreateContext();
        sent.onComplete(ar -> context.runOnContext(v -> {
            if (ar.failed()) {
                Responses.notStored(ctx, what, ar.cause());
            } else {
                then.accept(ar.result());
            }
        }));
    }

    /** {@code [page, size]} from the query, or null after answering 400. */
    private static int[] paging(RoutingContext ctx) {
        Integer page = intParam(ctx, "page", 1);
        Integer size = intParam(ctx, "size", DEFAULT_PAGE_SIZE);
        if (page == null || page < 1) {
            error(ctx, 400, "page: an integer from 1");
            return null;
        }
        if (size == null || size < 1 || size > MAX_PAGE_SIZE) {
            error(ctx, 400, "size: an integer from 1 to " + MAX_PAGE_SIZE);
            return null;
        }
        if ((long) page * size > MAX_DEPTH) {
            error(ctx, 400, "page * size must be at most " + MAX_DEPTH);
            return null;
        }
        return new int[] {page, size};
    }

    private boolean enabled(RoutingContext ctx) {
        if (companies == null) {
            if (!ctx.response().ended()) {
                error(ctx, 404, "the companies API is off with the contacts API (gateway.contacts-api=false)");
            }
            return false;
        }
        return true;
    }

    private static boolean validId(RoutingContext ctx, String id) {
        if (id == null || !CompanyRequests.ID.matcher(id).matches()) {
            error(ctx, 400, "company id: 1 to 128 letters, digits, '_', '.', ':' or '-'");
            return false;
        }
        return true;
    }
}
