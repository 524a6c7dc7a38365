package io.leadstream.gateway.contacts;

import static io.leadstream.gateway.Responses.error;
import static io.leadstream.gateway.Responses.json;

import io.leadstream.common.email.EmailAddresses;
import io.leadstream.common.email.TestSends;
import io.leadstream.email.EmailDefinition;
import io.leadstream.email.EmailRenderer;
import io.leadstream.email.RenderedEmail;
import io.leadstream.gateway.Responses;
import io.leadstream.gateway.definitions.DefinitionsCache;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the email editor tries before anything is sent:
 * <ul>
 *   <li>{@code POST /api/v1/emails/preview[?contact=ID]}: an email as it is being written (saved or
 *       not), rendered as the contact would read it ({@link EmailRenderer#preview}: tokens filled,
 *       nothing tracked); without a contact, each token's default. Nothing is stored or sent;</li>
 *   <li>{@code POST /api/v1/emails/{id}/test} {@code {"to": address, "contact": id?}}: the saved email
 *       to that address through the send workers, as a test ({@link TestSends}: counted nowhere).</li>
 * </ul>
 */
public final class EmailEditorApi {

    private final ContactStore store;
    private final DefinitionsCache definitions;
    private final ContactActions actions;

    private final Supplier<EmailRenderer> renderers;

    public EmailEditorApi(ContactStore store, DefinitionsCache definitions, ContactActions actions, Supplier<EmailRenderer> renderers) {
        this.renderers = renderers;
        this.store = store;
        this.definitions = definitions;
        this.actions = actions;
    }

    /** Registers the routes before the generic /api/v1/:kind ones; they need a JSON body handler first. */
    public void mount(Router router) {
        router.post("/api/v1/emails/preview").handler(this::preview);
        router.post("/api/v1/emails/:id/test").handler(this::test);
    }

    void test(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (definitions.get("emails", id).isEmpty()) {
            error(ctx, 404, "no email " + id);
            return;
        }
        String to;
        String contact;
        try {
            JsonObject body = ctx.body().asJsonObject();
            to = body == null ? null : body.getString("to");
            contact = body == null ? null : body.getString("contact");
        } catch (DecodeException | ClassCastException e) {
            to = null;
            contact = null;
        }
        if (to == null || !EmailAddresses.looksValid(to.strip())) {
            error(ctx, 400, "to: the address to send the test to");
            return;
        }
        if (!ApiReplies.contactsOn(ctx, store)) {
            return;
        }
        if (contact != null && !ApiReplies.CONTACT_ID.matcher(contact).matches()) {
            error(ctx, 400, "contact: 1 to 128 letters, digits, '_', '.', ':' or '-'");
            return;
        }
        String address = to.strip();
        String lender = contact;
        actions.testSend(id, address, lender).onComplete(ar -> {
            if (ar.failed()) {
                Responses.notStored(ctx, "test send", ar.cause());
                return;
            }
            ctx.response().setStatusCode(202);
            json(ctx, new JsonObject().put("email", id).put("to", address).put("contact", lender).put("commandId", ar.result()));
        });
    }

    void preview(RoutingContext ctx) {
        EmailDefinition email;
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null) {
                throw new IllegalArgumentException("body: an email with subject, html and text");
            }
            email = new EmailDefinition("preview", "preview", body.getString("subject", ""), body.getString("html", ""),
                    body.getString("text", ""), body.getString("from", ""), null, EmailDefinition.TRANSACTIONAL);
        } catch (DecodeException | ClassCastException | IllegalArgumentException e) {
            error(ctx, 400, e instanceof IllegalArgumentException ? e.getMessage() : "body: a JSON object with string subject, html and text");
            return;
        }
        String contact = ctx.queryParams().get("contact");
        if (contact == null || contact.isBlank()) {
            answer(ctx, email, null, Map.of());
            return;
        }
        ApiReplies.withContact(ctx, store, "contact", contact, p -> answer(ctx, email, p.id(), p.fields()));
    }

    private void answer(RoutingContext ctx, EmailDefinition email, String contact, Map<String, String> fields) {
        RenderedEmail rendered = renderers.get().preview(email, fields, Instant.now());
        json(ctx, new JsonObject().put("contact", contact).put("subject", rendered.subject()).put("html", rendered.html())
                .put("text", rendered.text()));
    }
}
