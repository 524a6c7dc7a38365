package io.leadstream.gateway.mautic;

import io.leadstream.definitions.StandardFields;
import io.leadstream.gateway.definitions.DefinitionsApi;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;

/**
 * Mautic's endpoints for segments, emails, campaigns, forms and contact fields, over our
 * definitions: collections as {@code {"total", "<plural>": {id: ...}}} (segments under {@code lists}),
 * one item under its singular ({@code list} for a segment), and what they do to a contact:
 * segment and campaign membership by hand, an email sent to one contact.
 */
final class MauticDefinitions {
    private final MauticCatalog catalog;
    private final MauticContacts contacts;
    private final ContactActions actions;
    private final DefinitionsApi definitions;

    MauticDefinitions(MauticCatalog catalog, MauticContacts contacts, ContactActions actions, DefinitionsApi definitions) {
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
        router.get("/api/fields/contact").handler(ctx -> catalog.all(StandardFields.KIND).onComplete(ar -> {
            if (ar.failed()) {
                MauticReplies.failed(ctx, ar.cause());
                return;
            }
            JsonArray fields = new JsonArray();
            ar.result().forEach(n -> fields.add(field(n)));
            MauticReplies.json(ctx, 200, new JsonObject().put("total", fields.size()).put("fields", fields));
        }));
        router.get("/api/fields/contact/:id").handler(ctx -> one(ctx, StandardFields.KIND, "field", MauticDefinitions::field));
        router.post("/api/segments/:id/contact/:cid/:op").handler(ctx -> membership(ctx, "segments",
                (contact, segment, add) -> actions.segment(contact, segment, add)));
        router.post("/api/campaigns/:id/contact/:cid/:op").handler(ctx -> membership(ctx, "campaigns",
                (contact, campaign, add) -> actions.campaign(contact, campaign, add).mapEmpty()));
        router.post("/api/emails/:id/contact/:cid/send").handler(this::send);
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

    private void withDefinition(RoutingContext ctx, String kind, java.util.function.Consumer<MauticCatalog.Numbered> then) {
        catalog.find(kind, ctx.pathParam("id")).onComplete(ar -> MauticReplies.foundOr404(ctx, ar, then));
    }

    static JsonObject segment(MauticCatalog.Numbered n) {
        return new JsonObject().put("id", n.id()).put("name", n.doc().getString("name", n.name())).put("alias", n.name())
                .put("description", n.doc().getString("description")).put("isPublished", true).put("isGlobal", true)
                .put("filters", n.doc().getJsonArray("filters", new JsonArray()));
    }

    static JsonObject email(MauticCatalog.Numbered n) {
        JsonObject d = n.doc();
        return new JsonObject().put("id", n.id()).put("name", d.getString("name", n.name())).put("alias", n.name())
                .put("subject", d.getString("subject")).put("fromAddress", d.getString("from")).put("fromName", d.getString("fromName"))
                .put("emailType", "template").put("isPublished", true).put("customHtml", d.getString("html"))
                .put("plainText", d.getString("text")).put("language", d.getString("language", "en"));
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
                .put("type", d.getString("type", "text")).put("group", "core").put("object", "lead").put("isPublished", true)
                .put("isPubliclyUpdatable", d.getBoolean("publiclyUpdatable", false))
                .put("defaultValue", d.getValue("default") == null ? null : String.valueOf(d.getValue("default")));
    }
}
