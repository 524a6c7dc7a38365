package io.leadstream.gateway.mautic;

import io.leadstream.gateway.contacts.ContactActions;
import io.leadstream.definitions.StandardFields;
import io.leadstream.gateway.definitions.DefinitionsApi;
import io.leadstream.gateway.emails.SegmentEmailSends;
import io.leadstream.gateway.emails.SegmentSendOptions;
import io.leadstream.store.cassandra.table.FormSubmissionsTable;
import io.leadstream.store.cassandra.table.TagsTable;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;

/**
 * Mautic's endpoints for segments, emails, campaigns, forms, stages and contact fields, over our
 * definitions: collections as {@code {"total", "<plural>": {id: ...}}} (segments under {@code lists}),
 * one item under its singular ({@code list} for a segment), and what they do to a contact:
 * segment, campaign and stage membership by hand, an email sent to one contact, a segment email's send started.
 */
final class MauticDefinitions {
    private final MauticCatalog catalog;
    private final MauticContacts contacts;
    private final ContactActions actions;
    private final DefinitionsApi definitions;
    private final SegmentEmailSends segmentSends;
    private final io.leadstream.gateway.contacts.ContactStore store;

    MauticDefinitions(MauticCatalog catalog, MauticContacts contacts, ContactActions actions, DefinitionsApi definitions,
                      io.leadstream.gateway.contacts.ContactStore store, SegmentEmailSends segmentSends) {
        this.store = store;
        this.segmentSends = segmentSends;
        this.catalog = catalog;
        this.contacts = contacts;
        this.actions = actions;
        this.definitions = definitions;
    }

    void mount(Router router) {
        router.post("/api/segments/new").handler(this::newSegment);
        collection(router, "segments", "lists", "list", MauticDefinitions::segment);
        collection(router, "emails", "emails", "email", MauticDefinitions::email);
        collection(router, "campaigns", "campaigns", "campaign", MauticDefinitions::campaign);
        collection(router, "forms", "forms", "form", MauticDefinitions::form);
        collection(router, "stages", "stages", "stage", MauticDefinitions::stage);
        for (boolean company : new boolean[] {false, true}) {
            String path = "/api/fields/" + (company ? "company" : "contact");
            router.get(path).handler(ctx -> catalog.fieldsOf(company).onComplete(ar -> {
                if (ar.failed()) {
                    MauticReplies.failed(ctx, ar.cause());
                    return;
                }
                JsonArray fields = new JsonArray();
                ar.result().forEach(n -> fields.add(field(n)));
                MauticReplies.json(ctx, 200, new JsonObject().put("total", fields.size()).put("fields", fields));
            }));
            router.get(path + "/:id").handler(ctx -> withDefinition(ctx, StandardFields.KIND, def -> {
                if (MauticCatalog.isCompanyField(def.doc()) != company) {
                    MauticReplies.error(ctx, 404, "Item was not found.");
                } else {
                    MauticReplies.json(ctx, 200, new JsonObject().put("field", field(def)));
                }
            }));
        }
        router.post("/api/segments/:id/contact/:cid/:op").handler(ctx -> membership(ctx, "segments",
                (contact, segment, add) -> actions.segment(contact, segment, add)));
        router.post("/api/campaigns/:id/contact/:cid/:op").handler(ctx -> membership(ctx, "campaigns",
                (contact, campaign, add) -> actions.campaign(contact, campaign, add).mapEmpty()));
        router.post("/api/stages/:id/contact/:cid/:op").handler(ctx -> membership(ctx, "stages",
                (contact, stage, add) -> actions.stage(contact, stage, add).mapEmpty()));
        router.post("/api/emails/:id/contact/:cid/send").handler(this::send);
        router.post("/api/emails/:id/send").handler(this::sendToSegments);
        router.get("/api/forms/:id/submissions").handler(ctx -> withDefinition(ctx, "forms", form -> submissions(ctx, form, null)));
        router.get("/api/forms/:id/submissions/contact/:cid").handler(ctx -> withDefinition(ctx, "forms", form ->
                contacts.withContact(ctx, ctx.pathParam("cid"), c -> submissions(ctx, form, c.contactId()))));
        router.get("/api/tags").handler(this::tags);
        router.post("/api/tags/new").handler(this::newTag);
    }

    private void collection(Router router, String kind, String plural, String singular, Function<MauticCatalog.Numbered, JsonObject> shape) {
        router.get("/api/" + kind).handler(ctx -> catalog.all(kind).onComplete(ar -> {
            if (ar.failed()) {
                MauticReplies.failed(ctx, ar.cause());
                return;
            }
            List<MauticCatalog.Numbered> all = ar.result();
            int start = MauticContacts.intParam(ctx, "start", 0);
            int limit = MauticContacts.intParam(ctx, "limit", all.size());
            String search = ctx.queryParams().get("search");
            JsonObject items = new JsonObject();
            all.stream().filter(n -> search == null || n.name().contains(search) || n.doc().getString("name", "").contains(search))
                    .skip(Math.max(0, start)).limit(Math.max(0, limit)).forEach(n -> items.put(Long.toString(n.id()), shape.apply(n)));
            MauticReplies.json(ctx, 200, new JsonObject().put("total", all.size()).put(plural, items));
        }));
        router.get("/api/" + kind + "/:id").handler(ctx -> one(ctx, kind, singular, shape));
    }

    private void one(RoutingContext ctx, String kind, String singular, Function<MauticCatalog.Numbered, JsonObject> shape) {
        withDefinition(ctx, kind, def -> MauticReplies.json(ctx, 200, new JsonObject().put(singular, shape.apply(def))));
    }

    /**
     * {@code POST /api/segments/new}: {@code {name, alias?, description?, filters?}}, Mautic's filters
     * translated ({@link SegmentFilters}); a taken alias gets a number, as Mautic does. 201 {@code {"list"}}.
     */
    private void newSegment(RoutingContext ctx) {
        JsonObject body = MauticContacts.body(ctx);
        if (body == null) {
            return;
        }
        String name = body.getValue("name") instanceof String n && !n.isBlank() ? n.strip() : null;
        if (name == null) {
            MauticReplies.error(ctx, 400, "name: required");
            return;
        }
        JsonArray filters;
        try {
            filters = SegmentFilters.toOurs(body.getValue("filters") instanceof JsonArray a ? a : new JsonArray());
        } catch (SegmentFilters.Unsupported e) {
            MauticReplies.error(ctx, 400, e.getMessage());
            return;
        }
        String base = SegmentFilters.alias(body.getValue("alias") instanceof String a && !a.isBlank() ? a : name);
        String alias = base;
        for (int n = 2; catalog.get("segments", alias).isPresent(); n++) {
            alias = base + "-" + n;
        }
        JsonObject doc = new JsonObject().put("name", name).put("filters", filters);
        if (body.getValue("description") instanceof String d && !d.isBlank()) {
            doc.put("description", d);
        }
        Object preferenceCenter = body.getValue("isPreferenceCenter");
        if (preferenceCenter != null && List.of(true, 1, "1", "true").contains(preferenceCenter)) { // Mautic's clients send any of these
            doc.put("public", true);
        }
        String id = alias;
        definitions.store("segments", id, doc).compose(problems -> problems.isEmpty()
                ? catalog.find("segments", id).map(found -> found.orElseThrow())
                : io.vertx.core.Future.failedFuture(new IllegalArgumentException(problems.toString()))).onComplete(ar -> {
                    if (ar.failed() && ar.cause() instanceof IllegalArgumentException) {
                        MauticReplies.error(ctx, 400, "the segment is not valid: " + ar.cause().getMessage());
                    } else if (ar.failed()) {
                        MauticReplies.failed(ctx, ar.cause());
                    } else {
                        MauticReplies.json(ctx, 201, new JsonObject().put("list", segment(ar.result())));
                    }
                });
    }

    @FunctionalInterface
    private interface Membership {
        Future<Void> apply(String contactId, String definitionId, boolean add);
    }

    /** {@code POST /api/segments|campaigns/{id}/contact/{cid}/add|remove}: {@code {"success": 1}} once Kafka has it. */
    private void membership(RoutingContext ctx, String kind, Membership change) {
        String op = ctx.pathParam("op");
        if (!op.equals("add") && !op.equals("remove")) {
            MauticReplies.error(ctx, 404, "Item was not found: add or remove");
            return;
        }
        withDefinition(ctx, kind, def -> contacts.withContact(ctx, ctx.pathParam("cid"), c ->
                change.apply(c.contactId(), def.name(), op.equals("add")).onComplete(ar -> MauticReplies.successOr(ctx, ar))));
    }

    /** {@code POST /api/emails/{id}/contact/{cid}/send}: the email to that contact now, through the send workers. */
    private void send(RoutingContext ctx) {
        withDefinition(ctx, "emails", email -> contacts.withContact(ctx, ctx.pathParam("cid"), c ->
                actions.send(c.contactId(), email.name(), "transactional".equals(email.doc().getString("type")))
                        .onComplete(ar -> MauticReplies.successOr(ctx, ar))));
    }

    /**
     * {@code POST /api/emails/{id}/send}: starts the segment email's send as {@code POST /api/v1/emails/{id}/send}
     * does ({@link SegmentEmailSends}: the engine sends it to its segments' members, once each, and to those who
     * join later); asked again, it starts nothing new. {@code sentCount} is what the engine queued so far.
     */
    private void sendToSegments(RoutingContext ctx) {
        withDefinition(ctx, "emails", email -> {
            if (SegmentEmailSends.segmentsOf(email.doc()).isEmpty()) {
                MauticReplies.error(ctx, 400, "email " + email.name() + " names no segments: it is sent to contacts one by one");
                return;
            }
            segmentSends.start(email.name(), SegmentSendOptions.NOW).compose(started -> segmentSends.members(SegmentEmailSends.segmentsOf(email.doc()))
                    .map(members -> Math.max(members, started.progress().getLong("queued")))).onComplete(ar -> {
                if (ar.failed()) {
                    MauticReplies.failed(ctx, ar.cause());
                } else {
                    MauticReplies.json(ctx, 200, new JsonObject().put("success", 1).put("sentCount", ar.result()).put("failedRecipients", 0));
                }
            });
        });
    }

    /**
     * A form's results, newest first: {@code {"total", "submissions": [{id, form, lead: {id}, dateSubmitted,
     * referer, ipAddress, results}]}}, {@code start} and {@code limit} (at most 1000 read); with {@code onlyContact}, that contact's.
     */
    private void submissions(RoutingContext ctx, MauticCatalog.Numbered form, String onlyContact) {
        int start = Math.max(0, MauticContacts.intParam(ctx, "start", 0));
        int limit = MauticContacts.intParam(ctx, "limit", 30);
        if (limit < 1 || start + limit > 1000) {
            MauticReplies.error(ctx, 400, "start and limit: 1 <= limit, start + limit <= 1000");
            return;
        }
        io.vertx.core.Future.fromCompletionStage(store.rows(FormSubmissionsTable.SELECT_BY_FORM_ID, form.name())).compose(rows -> {
                    List<io.vertx.core.Future<JsonObject>> items = new java.util.ArrayList<>();
                    rows.stream().map(row -> FormSubmissionsTable.Row.from(form.name(), row)).forEach(r -> items.add(contacts.find(r.contactId()).compose(found -> {
                        String root = found.map(MauticContacts.Found::contactId).orElse(r.contactId());
                        return io.vertx.core.Future.all(io.vertx.core.Future.fromCompletionStage(catalog.ids().idOf("submission", r.eventId())),
                                io.vertx.core.Future.fromCompletionStage(catalog.ids().idOf(MauticContacts.KIND, root))).map(ids -> new JsonObject()
                                .put("id", ids.<Long>resultAt(0)).put("leadstreamContact", root)
                                .put("form", new JsonObject().put("id", form.id()).put("name", form.doc().getString("name", form.name())).put("alias", form.name()))
                                .put("lead", new JsonObject().put("id", ids.<Long>resultAt(1)))
                                .put("dateSubmitted", r.submittedAt().toString()).put("referer", r.pageUrl())
                                .put("ipAddress", new JsonObject().put("ip", r.ip()))
                                .put("results", new JsonObject(new java.util.TreeMap<>(r.formValues()))));
                    })));
                    return io.vertx.core.Future.all(items).map(cf -> cf.<JsonObject>list());
                }).onComplete(ar -> {
                    if (ar.failed()) {
                        MauticReplies.failed(ctx, ar.cause());
                        return;
                    }
                    List<JsonObject> all = ar.result().stream().filter(j -> onlyContact == null || onlyContact.equals(j.getString("leadstreamContact")))
                            .toList();
                    JsonArray page = new JsonArray();
                    all.stream().skip(start).limit(limit).map(JsonObject::copy).forEach(j -> {
                        j.remove("leadstreamContact"); // ours, for the filter by contact only
                        page.add(j);
                    });
                    MauticReplies.json(ctx, 200, new JsonObject().put("total", all.size()).put("submissions", page));
                });
    }

    /** {@code GET /api/tags}: every tag given to a contact or made here, {@code {"total", "tags": [{id, tag}]}}. */
    private void tags(RoutingContext ctx) {
        String search = ctx.queryParams().get("search");
        io.vertx.core.Future.fromCompletionStage(store.rows(TagsTable.SELECT_ALL)).compose(rows -> {
            List<io.vertx.core.Future<JsonObject>> tags = new java.util.ArrayList<>();
            rows.stream().map(r -> r.getString("tag")).filter(t -> search == null || t.contains(search)).sorted()
                    .forEach(t -> tags.add(io.vertx.core.Future.fromCompletionStage(catalog.ids().idOf("tag", t)).map(id -> new JsonObject().put("id", id).put("tag", t))));
            return io.vertx.core.Future.all(tags).map(cf -> cf.<JsonObject>list());
        }).onComplete(ar -> {
            if (ar.failed()) {
                MauticReplies.failed(ctx, ar.cause());
            } else {
                MauticReplies.json(ctx, 200, new JsonObject().put("total", ar.result().size()).put("tags", new JsonArray(ar.result())));
            }
        });
    }

    /** {@code POST /api/tags/new} with {@code {"tag"}}: 201 {@code {"tag": {id, tag}}}. */
    private void newTag(RoutingContext ctx) {
        JsonObject body = MauticContacts.body(ctx);
        if (body == null) {
            return;
        }
        String tag = body.getValue("tag") instanceof String t ? t.strip() : "";
        if (tag.isEmpty() || tag.length() > 64 || tag.contains(",") || tag.chars().anyMatch(Character::isISOControl)) {
            MauticReplies.error(ctx, 400, "tag: 1 to 64 characters, no comma or control character");
            return;
        }
        io.vertx.core.Future.fromCompletionStage(store.execute(TagsTable.INSERT, tag))
                .compose(v -> io.vertx.core.Future.fromCompletionStage(catalog.ids().idOf("tag", tag)))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        MauticReplies.failed(ctx, ar.cause());
                    } else {
                        MauticReplies.json(ctx, 201, new JsonObject().put("tag", new JsonObject().put("id", ar.result()).put("tag", tag)));
                    }
                });
    }

    private void withDefinition(RoutingContext ctx, String kind, java.util.function.Consumer<MauticCatalog.Numbered> then) {
        catalog.find(kind, ctx.pathParam("id")).onComplete(ar -> MauticReplies.foundOr404(ctx, ar, then));
    }

    static JsonObject segment(MauticCatalog.Numbered n) {
        return new JsonObject().put("id", n.id()).put("name", n.doc().getString("name", n.name())).put("alias", n.name())
                .put("description", n.doc().getString("description")).put("isPublished", true).put("isGlobal", true)
                .put("isPreferenceCenter", n.doc().getValue("public") == Boolean.TRUE)
                .put("filters", n.doc().getJsonArray("filters", new JsonArray()));
    }

    static JsonObject email(MauticCatalog.Numbered n) {
        JsonObject d = n.doc();
        return new JsonObject().put("id", n.id()).put("name", d.getString("name", n.name())).put("alias", n.name())
                .put("subject", d.getString("subject")).put("fromAddress", d.getString("from")).put("fromName", d.getString("fromName"))
                .put("emailType", d.getJsonArray("segments", new JsonArray()).isEmpty() ? "template" : "list").put("isPublished", true).put("customHtml", d.getString("html"))
                .put("plainText", d.getString("text")).put("language", d.getString("language", "en"));
    }

    static JsonObject stage(MauticCatalog.Numbered n) {
        return new JsonObject().put("id", n.id()).put("name", n.doc().getString("name", n.name())).put("alias", n.name())
                .put("description", n.doc().getString("description")).put("weight", n.doc().getInteger("weight", 0))
                .put("isPublished", n.doc().getBoolean("published", true)).put("category", null);
    }

    static JsonObject campaign(MauticCatalog.Numbered n) {
        return new JsonObject().put("id", n.id()).put("name", n.doc().getString("name", n.name())).put("alias", n.name())
                .put("description", n.doc().getString("description")).put("isPublished", true);
    }

    static JsonObject form(MauticCatalog.Numbered n) {
        JsonArray fields = new JsonArray();
        n.doc().getJsonArray("fields", new JsonArray()).forEach(f -> {
            if (f instanceof JsonObject o) {
                fields.add(new JsonObject().put("alias", o.getString("alias")).put("label", o.getString("label", o.getString("alias")))
                        .put("type", o.getString("type")).put("isRequired", o.getBoolean("required", false)));
            }
        });
        return new JsonObject().put("id", n.id()).put("name", n.doc().getString("name", n.name())).put("alias", n.name())
                .put("isPublished", true).put("fields", fields);
    }

    static JsonObject field(MauticCatalog.Numbered n) {
        JsonObject d = n.doc();
        return new JsonObject().put("id", n.id()).put("label", d.getString("label", n.name())).put("alias", n.name())
                .put("type", d.getString("type", "text")).put("group", "core")
                .put("object", MauticCatalog.isCompanyField(d) ? "company" : "lead").put("isPublished", true)
                .put("isPubliclyUpdatable", d.getBoolean("publiclyUpdatable", false))
                .put("defaultValue", d.getValue("default") == null ? null : String.valueOf(d.getValue("default")));
    }
}
