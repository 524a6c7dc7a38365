package io.leadstream.gateway.mautic;

import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.gateway.contacts.ContactActions;
import io.leadstream.common.ids.IdentityIds;
import io.leadstream.gateway.contacts.ContactStore;
import io.leadstream.gateway.contacts.ContactStore.Profile;
import io.leadstream.gateway.contacts.ContactsApi;
import io.leadstream.gateway.contacts.SegmentStore;
import io.leadstream.gateway.imports.AddressDevices;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Mautic's contacts endpoints ({@code /api/contacts...}) over our contacts: integer ids, the
 * contact shape, {@code search=email:x|segment:alias}, {@code where[..]}, paging and order, the
 * upsert on email of {@code new}, edits, points, do-not-contact, and memberships. Writes go to Kafka
 * as the engine's own records; this gateway's recent writes are laid over reads ({@link RecentWrites}).
 */
final class MauticContacts {
    static final String KIND = "contact";
    private static final Set<String> NOT_FIELDS = Set.of("id", "overwriteWithBlank", "ipAddress", "lastActive", "owner", "points", "tags",
            "doNotContact", "stage", "frequencyRules", "utmtags", "color", "dateAdded", "dateModified");

    private final ContactStore store;
    private final ContactsApi contactsApi;
    private final MauticCatalog catalog;
    private final MauticIds ids;
    private final ContactActions actions;
    private final RecentWrites recent;
    private final Set<String> identifierFields;

    MauticContacts(ContactStore store, ContactsApi contactsApi, MauticCatalog catalog, ContactActions actions, RecentWrites recent,
                   Set<String> identifierFields) {
        this.store = store;
        this.contactsApi = contactsApi;
        this.catalog = catalog;
        this.ids = catalog.ids();
        this.actions = actions;
        this.recent = recent;
        this.identifierFields = identifierFields;
    }

    void mount(Router router) {
        router.get("/api/contacts").handler(new MauticContactSearch(this, store, new SegmentStore(store))::list);
        router.get("/api/contacts/list/fields").handler(ctx -> catalog.fields().onComplete(ar -> {
            if (ar.failed()) {
                MauticReplies.failed(ctx, ar.cause());
                return;
            }
            JsonObject out = new JsonObject();
            ar.result().forEach((alias, f) -> out.put(Long.toString(f.id()), new JsonObject().put("id", f.id()).put("label", f.label())
                    .put("alias", alias).put("type", f.type()).put("group", "core")));
            MauticReplies.json(ctx, 200, out);
        }));
        router.post("/api/contacts/new").handler(this::create);
        router.get("/api/contacts/:id").handler(ctx -> withContact(ctx, c -> view(c).onComplete(ar -> reply(ctx, 200, "contact", ar))));
        router.patch("/api/contacts/:id/edit").handler(ctx -> edit(ctx, false));
        router.put("/api/contacts/:id/edit").handler(ctx -> edit(ctx, true));
        router.delete("/api/contacts/:id/delete").handler(this::delete);
        router.get("/api/contacts/:id/segments").handler(this::contactSegments);
        router.get("/api/contacts/:id/campaigns").handler(this::contactCampaigns);
        router.post("/api/contacts/:id/points/:op/:n").handler(this::points);
        router.post("/api/contacts/:id/dnc/:channel/:op").handler(this::dnc);
    }

    // ---------------------------------------------------------------------------------------------
    // Finding contacts

    /** A contact as found: our id (the root after merges), its stored profile (null while only this gateway knows it). */
    record Found(String contactId, Profile profile) {}

    /** The contact an integer id names (its current root after merges), or 404. */
    void withContact(RoutingContext ctx, java.util.function.Consumer<Found> then) {
        withContact(ctx, ctx.pathParam("id"), then);
    }

    /** As {@link #withContact(RoutingContext, java.util.function.Consumer)}, the id given. */
    void withContact(RoutingContext ctx, String idParam, java.util.function.Consumer<Found> then) {
        Long number = MauticCatalog.number(idParam);
        if (number == null) {
            MauticReplies.error(ctx, 404, "Item was not found: a contact id is an integer");
            return;
        }
        Future.fromCompletionStage(ids.target(KIND, number)).compose(target -> target.isEmpty()
                        ? Future.succeededFuture(Optional.<Found>empty()) : find(target.get()))
                .onComplete(ar -> MauticReplies.foundOr404(ctx, ar, then));
    }

    /** Our contact {@code id} (any id of it): its root and profile; empty when neither the store nor this gateway knows it. */
    Future<Optional<Found>> find(String id) {
        return Future.fromCompletionStage(store.profile(id)).map(p -> {
            if (p.isPresent()) {
                return Optional.of(new Found(p.get().id(), p.get()));
            }
            return recent.of(id).isPresent() ? Optional.of(new Found(id, null)) : Optional.<Found>empty();
        });
    }

    /** The contact in Mautic's shape, with its integer id. */
    Future<JsonObject> view(Found c) {
        Future<Long> id = Future.fromCompletionStage(ids.idOf(KIND, c.contactId()));
        Future<Map<String, String>> dnc = Future.fromCompletionStage(store.doNotContact(c.contactId())).map(rows -> {
                    Map<String, String> out = new TreeMap<>();
                    rows.stream().filter(r -> !r.isNull("dnc") && r.getBoolean("dnc")).forEach(r -> out.put(r.getString("channel"), r.getString("reason")));
                    return out;
                });
        Future<Map<String, ContactView.Field>> fields = catalog.fields();
        String stageId = c.profile() == null ? null : c.profile().pointsAndTags().stage();
        Future<JsonObject> stage = stageId == null ? Future.succeededFuture()
                : catalog.find("stages", stageId).map(n -> n.map(MauticDefinitions::stage).orElse(null));
        return Future.all(id, dnc, fields, stage).map(x -> ContactView.of(id.result(), c.contactId(), c.profile(), dnc.result(),
                recent.of(c.contactId()).orElse(null), fields.result()).put("stage", stage.result()));
    }

    /** The contact owning the address, in the store or created through this gateway: a list of none or one. */
    Future<List<String>> byEmail(String email) {
        Optional<String> created = recent.contactFor(email);
        return Future.fromCompletionStage(store.contactIdFor("email", email))
                .map(id -> id.map(List::of).orElse(created.map(List::of).orElse(List.of())));
    }

    // ---------------------------------------------------------------------------------------------
    // Writes

    /** {@code POST /api/contacts/new}: an upsert on the email address. 201 for a new contact, 200 when the address was known. */
    private void create(RoutingContext ctx) {
        JsonObject body = body(ctx);
        if (body == null) {
            return;
        }
        Map<String, String> values = values(body);
        String email = values.get("email");
        Future<Optional<String>> existing = email == null ? Future.succeededFuture(Optional.empty()) : byEmail(email)
                .compose(list -> list.isEmpty() ? Future.succeededFuture(Optional.<String>empty())
                        : Future.fromCompletionStage(store.resolve(list.get(0))).map(r -> Optional.of(r.root())));
        existing.compose(known -> {
            String device = known.isPresent() ? null
                    : email != null ? AddressDevices.of(email) : "mautic-api-" + UUID.randomUUID();
            String contactId = known.orElseGet(() -> IdentityIds.anon(device));
            return actions.identify(device, known.orElse(null), values, ctx.request().getHeader("User-Agent")).map(event -> {
                RecentWrites.Pending p = recent.change(contactId);
                p.fields.putAll(event.getFields());
                if (email != null) {
                    recent.created(email, contactId);
                }
                return new Object[] {contactId, known.isPresent()};
            });
        }).compose(r -> tags(body, (String) r[0]).map(r))
                .compose(r -> find((String) r[0]).compose(f -> view(f.orElseThrow())).map(view -> new Object[] {view, r[1]}))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        MauticReplies.failed(ctx, ar.cause());
                    } else {
                        MauticReplies.json(ctx, (Boolean) ar.result()[1] ? 200 : 201, new JsonObject().put("contact", ar.result()[0]));
                    }
                });
    }

    /** {@code PATCH|PUT /api/contacts/{id}/edit}; PUT also blanks the fields it does not give (identifier fields excepted). */
    private void edit(RoutingContext ctx, boolean replace) {
        JsonObject body = body(ctx);
        if (body == null) {
            return;
        }
        withContact(ctx, c -> {
            Map<String, String> values = values(body);
            Future<Map<String, String>> all = !replace ? Future.succeededFuture(values) : catalog.fields().map(fields -> {
                Map<String, String> out = new TreeMap<>(values);
                Map<String, String> stored = c.profile() == null ? Map.of() : c.profile().fields();
                fields.keySet().stream().filter(f -> !values.containsKey(f) && !identifierFields.contains(f) && stored.containsKey(f))
                        .forEach(f -> out.put(f, ""));
                return out;
            });
            all.compose(v -> v.isEmpty() ? Future.succeededFuture() : actions.fields(c.contactId(), v).map(event -> {
                        RecentWrites.Pending p = recent.change(c.contactId());
                        event.getFields().forEach((k, x) -> p.fields.put(k, x == null || x.isEmpty() ? null : x));
                        return null;
                    }))
                    .compose(x -> tags(body, c.contactId()))
                    .compose(x -> find(c.contactId()))
                    .compose(f -> view(f.orElse(c)))
                    .onComplete(ar -> reply(ctx, 200, "contact", ar));
        });
    }

    /** Mautic's {@code tags}: a list or a comma-separated string; "-tag" removes it. */
    private Future<Void> tags(JsonObject body, String contactId) {
        Object t = body.getValue("tags");
        List<String> given = new ArrayList<>();
        if (t instanceof String s) {
            for (String x : s.split(",")) {
                given.add(x.strip());
            }
        } else if (t instanceof JsonArray a) {
            a.forEach(x -> given.add(String.valueOf(x).strip()));
        }
        List<String> add = given.stream().filter(x -> !x.isEmpty() && !x.startsWith("-")).toList();
        List<String> remove = given.stream().filter(x -> x.length() > 1 && x.startsWith("-")).map(x -> x.substring(1)).toList();
        if (add.isEmpty() && remove.isEmpty()) {
            return Future.succeededFuture();
        }
        return actions.tags(contactId, add, remove).map(e -> {
            RecentWrites.Pending p = recent.change(contactId);
            p.tagsAdded.addAll(add);
            remove.forEach(p.tagsAdded::remove);
            p.tagsRemoved.addAll(remove);
            return null;
        });
    }

    private void delete(RoutingContext ctx) {
        withContact(ctx, c -> view(c).compose(v -> Future.fromCompletionStage(contactsApi.erase(c.contactId())).map(done -> v))
                .onComplete(ar -> reply(ctx, 200, "contact", ar)));
    }

    /** {@code POST /api/contacts/{id}/points/plus|minus/{n}}. */
    private void points(RoutingContext ctx) {
        String op = ctx.pathParam("op");
        Long n = MauticCatalog.number(ctx.pathParam("n"));
        if (!op.equals("plus") && !op.equals("minus") || n == null || n > 1_000_000) {
            MauticReplies.error(ctx, 404, "Item was not found: points/plus/N or points/minus/N, N a whole number up to 1000000");
            return;
        }
        int delta = (int) (op.equals("plus") ? n : -n);
        withContact(ctx, c -> actions.points(c.contactId(), delta).onComplete(ar -> {
            if (ar.failed()) {
                MauticReplies.failed(ctx, ar.cause());
                return;
            }
            RecentWrites.Pending p = recent.change(c.contactId());
            int stored = c.profile() == null ? 0 : c.profile().pointsAndTags().points();
            if (p.pointsDelta == null || p.basePoints != stored) {
                p.basePoints = stored;
                p.pointsDelta = 0;
            }
            p.pointsDelta += delta;
            MauticReplies.success(ctx);
        }));
    }

    /** {@code POST /api/contacts/{id}/dnc/{channel}/add|remove}: answers the contact. Email is the channel we deliver. */
    private void dnc(RoutingContext ctx) {
        String channel = ctx.pathParam("channel");
        String op = ctx.pathParam("op");
        if (!op.equals("add") && !op.equals("remove")) {
            MauticReplies.error(ctx, 404, "Item was not found: dnc/{channel}/add or dnc/{channel}/remove");
            return;
        }
        if (!channel.equals("email")) {
            MauticReplies.error(ctx, 400, "channel: only email is delivered here");
            return;
        }
        boolean add = op.equals("add");
        withContact(ctx, c -> actions.doNotContact(c.contactId(), add).map(e -> {
                    recent.change(c.contactId()).dnc.put(channel, add);
                    return null;
                }).compose(x -> view(c)).onComplete(ar -> reply(ctx, 200, "contact", ar)));
    }

    // ---------------------------------------------------------------------------------------------
    // Memberships

    private void contactSegments(RoutingContext ctx) {
        withContact(ctx, c -> Future.fromCompletionStage(store.segmentsOf(c.contactId()))
                .compose(rows -> {
                    List<Future<Optional<MauticCatalog.Numbered>>> found = new ArrayList<>();
                    rows.forEach(segment -> found.add(catalog.find("segments", segment)));
                    return Future.all(found).map(cf -> cf.<Optional<MauticCatalog.Numbered>>list());
                }).onComplete(ar -> {
                    if (ar.failed()) {
                        MauticReplies.failed(ctx, ar.cause());
                        return;
                    }
                    JsonObject lists = new JsonObject();
                    ar.result().forEach(s -> s.ifPresent(n -> lists.put(Long.toString(n.id()), MauticDefinitions.segment(n))));
                    MauticReplies.json(ctx, 200, new JsonObject().put("total", lists.size()).put("lists", lists));
                }));
    }

    /** The campaigns the contact is in now: per campaign, its latest entry or exit in the campaign log. */
    private void contactCampaigns(RoutingContext ctx) {
        withContact(ctx, c -> Future.fromCompletionStage(store.campaignLog(c.contactId())).compose(rows -> {
                    Map<String, Row> latest = new LinkedHashMap<>();
                    rows.stream().filter(r -> r.getString("event_id").isEmpty()).forEach(r -> latest.putIfAbsent(r.getString("campaign_id"), r));
                    List<Future<Optional<JsonObject>>> in = new ArrayList<>();
                    latest.values().stream().filter(r -> "ENTERED".equals(r.getString("outcome"))).forEach(r -> in.add(
                            catalog.find("campaigns", r.getString("campaign_id")).map(n -> n.map(x -> MauticDefinitions.campaign(x)
                                    .put("dateAdded", r.getInstant("at").toString())
                                    .put("manuallyAdded", r.getString("detail") != null && r.getString("detail").startsWith("by hand"))
                                    .put("manuallyRemoved", false)))));
                    return Future.all(in).map(cf -> cf.<Optional<JsonObject>>list());
                }).onComplete(ar -> {
                    if (ar.failed()) {
                        MauticReplies.failed(ctx, ar.cause());
                        return;
                    }
                    JsonObject campaigns = new JsonObject();
                    ar.result().forEach(x -> x.ifPresent(j -> campaigns.put(Long.toString(j.getLong("id")), j)));
                    MauticReplies.json(ctx, 200, new JsonObject().put("total", campaigns.size()).put("campaigns", campaigns));
                }));
    }

    // ---------------------------------------------------------------------------------------------

    /** The body's field values as strings; blanks only when {@code overwriteWithBlank}. */
    private static Map<String, String> values(JsonObject body) {
        boolean blanks = Boolean.TRUE.equals(body.getValue("overwriteWithBlank")) || "1".equals(String.valueOf(body.getValue("overwriteWithBlank")));
        Map<String, String> out = new TreeMap<>();
        body.forEach(e -> {
            if (NOT_FIELDS.contains(e.getKey()) || e.getValue() instanceof JsonObject || e.getValue() instanceof JsonArray) {
                return;
            }
            String v = e.getValue() == null ? "" : String.valueOf(e.getValue());
            if (!v.isEmpty() || blanks) {
                out.put(e.getKey(), v);
            }
        });
        return out;
    }

    /** The body as JSON, or a form's attributes; null after answering 400. */
    static JsonObject body(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            JsonObject form = new JsonObject();
            ctx.request().formAttributes().forEach(e -> form.put(e.getKey(), e.getValue()));
            return form;
        }
        try {
            JsonObject body = ctx.body().isEmpty() ? new JsonObject() : ctx.body().asJsonObject();
            return body == null ? new JsonObject() : body;
        } catch (RuntimeException e) {
            MauticReplies.error(ctx, 400, "the body is neither a JSON object nor a form");
            return null;
        }
    }

    static int intParam(RoutingContext ctx, String name, int fallback) {
        String v = ctx.queryParams().get(name);
        Long n = MauticCatalog.number(v);
        return v == null ? fallback : n == null || n > Integer.MAX_VALUE ? -1 : n.intValue();
    }

    static void reply(RoutingContext ctx, int status, String key, io.vertx.core.AsyncResult<JsonObject> ar) {
        if (ar.failed()) {
            MauticReplies.failed(ctx, ar.cause());
        } else {
            MauticReplies.json(ctx, status, new JsonObject().put(key, ar.result()));
        }
    }
}
