package io.leadstream.gateway.dwc;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadstream.common.content.ContentRules;
import io.leadstream.common.ids.IdentityIds;
import io.leadstream.gateway.Responses;
import io.leadstream.gateway.contacts.ContactStore;
import io.leadstream.gateway.definitions.DefinitionsCache;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /dwc/{slot}}: the content of a dynamic-content slot for the visitor asking, as
 * {@code {"content", "slot"}}. The visitor's device names its contact (through merges, to the one it
 * became); its fields, segments, tags and points choose the variant. A visitor not known yet, or a
 * store that cannot answer now, gets the default: the page always has something to show.
 */
public final class DynamicContentHandler implements Handler<RoutingContext> {
    public static final String KIND = "dynamic-content";
    private static final Logger LOG = LoggerFactory.getLogger(DynamicContentHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DefinitionsCache definitions;
    private final ContactStore contacts;
    private final Function<RoutingContext, String> device;

    /** {@code device}: the request's device id, or null (never minted here). {@code contacts} null: every visitor gets the default. */
    public DynamicContentHandler(DefinitionsCache definitions, ContactStore contacts, Function<RoutingContext, String> device) {
        this.definitions = definitions;
        this.contacts = contacts;
        this.device = device;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String slot = ctx.pathParam("slot");
        Optional<JsonObject> definition = definitions.get(KIND, slot);
        if (definition.isEmpty()) {
            Responses.error(ctx, 404, "no dynamic content named " + (slot == null ? "" : slot.substring(0, Math.min(64, slot.length()))));
            return;
        }
        String deviceId = device.apply(ctx);
        Future<ContentRules.Contact> contact = deviceId == null || contacts == null ? Future.succeededFuture(ContentRules.Contact.UNKNOWN)
                : ContentContacts.of(contacts, IdentityIds.anon(deviceId));
        contact.recover(e -> {
            LOG.warn("Dynamic content {}: the contact cannot be read now ({}); answering the default", slot, e.toString());
            return Future.succeededFuture(ContentRules.Contact.UNKNOWN);
        }).onSuccess(c -> ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("slot", slot).put("content", ContentRules.pick(JSON.valueToTree(definition.get().getMap()), c)).encode()));
    }
}
