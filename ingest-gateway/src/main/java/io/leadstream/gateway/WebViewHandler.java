package io.leadstream.gateway;

import io.leadstream.common.content.ContentRules;
import io.leadstream.common.email.EmailToken;
import io.leadstream.common.email.SignedTokens;
import io.leadstream.email.EmailDefinition;
import io.leadstream.email.EmailRenderer;
import io.leadstream.gateway.contacts.ContactStore;
import io.leadstream.gateway.definitions.DefinitionsCache;
import io.leadstream.gateway.dwc.ContentContacts;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /email/view/{token}}: the "view in browser" page of one send, rendered by the send
 * workers' own renderer for the contact's current fields and dynamic content blocks (its {@code {date_now}} today: the token does not carry the send's day), its links tracked and signed as in the
 * email (so its clicks and its pixel count like the email's). The token is the send's open token.
 * 404 for a bad token or an email that is no longer defined; 501 without the contacts store.
 */
final class WebViewHandler implements Handler<RoutingContext> {
    private final SignedTokens tokens;
    private final DefinitionsCache definitions;
    private final ContactStore contacts;
    private final Supplier<EmailRenderer> renderers;
    private final GatewayMetrics metrics;

    WebViewHandler(SignedTokens tokens, DefinitionsCache definitions, ContactStore contacts, Supplier<EmailRenderer> renderers, GatewayMetrics metrics) {
        this.tokens = tokens;
        this.definitions = definitions;
        this.contacts = contacts;
        this.renderers = renderers;
        this.metrics = metrics;
    }

    @Override
    public void handle(RoutingContext ctx) {
        EmailToken token = EmailTrackingHandlers.verified(ctx, tokens, metrics, EmailToken.OPEN);
        if (token == null) {
            return;
        }
        if (contacts == null) {
            Responses.error(ctx, 501, "the web view needs the contacts store (gateway.contacts-api)");
            return;
        }
        Optional<JsonObject> doc = definitions.get("emails", token.emailId());
        if (doc.isEmpty()) {
            Responses.error(ctx, 404, "this email is no longer available");
            return;
        }
        EmailDefinition email = EmailDefinition.fromJson(doc.get().encode());
        ContentContacts.of(contacts, token.contactId()).onComplete(read -> {
            if (read.failed()) {
                Responses.notStored(ctx, "contact", read.cause());
                return;
            }
            ContentRules.Contact contact = read.result();
            String html = renderers.get().render(email, email.id(), contact.fields(), email.blocks(contact), token.sendId(), token.contactId(),
                    Instant.now()).html();
            ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-store")
                    .putHeader("X-Robots-Tag", "noindex").end(html);
        });
    }
}
