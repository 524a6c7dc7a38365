package io.leadstream.gateway;

import io.leadstream.email.EmailRenderer;
import io.leadstream.gateway.contacts.ContactActions;
import io.leadstream.gateway.contacts.ContactStore;
import io.leadstream.gateway.contacts.EmailEditorApi;
import io.leadstream.gateway.contacts.StatsStore;
import io.leadstream.gateway.definitions.DefinitionsCache;
import io.leadstream.gateway.emails.AbTestApi;
import io.leadstream.gateway.emails.EmailReportApi;
import io.leadstream.gateway.emails.SegmentEmailSends;
import io.leadstream.gateway.emails.SegmentSendApi;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The routes about one email under {@code /api/v1/emails}: the editor's preview and test send, a segment
 * email's send, its A/B test and its report, with the bodies they take. The contacts store null: each
 * answers 501 where it needs it.
 */
final class EmailApis {
    private final ContactStore contacts;
    private final DefinitionsCache definitions;
    private final ContactActions actions;
    private final Supplier<EmailRenderer> renderers;
    private final SegmentEmailSends sends;

    EmailApis(ContactStore contacts, DefinitionsCache definitions, ContactActions actions, Supplier<EmailRenderer> renderers, SegmentEmailSends sends) {
        this.contacts = contacts;
        this.definitions = definitions;
        this.actions = actions;
        this.renderers = renderers;
        this.sends = sends;
    }

    void mount(Router router, Handler<RoutingContext> jsonType, int bodyLimit) {
        router.post("/api/v1/emails/preview").handler(jsonType).handler(RequestBodies.limited(bodyLimit * 16));
        router.post("/api/v1/emails/:id/test").handler(jsonType).handler(RequestBodies.limited(4096));
        new EmailEditorApi(contacts, definitions, actions, renderers).mount(router);
        router.post("/api/v1/emails/:id/send").handler(jsonType).handler(RequestBodies.limited(4096));
        new SegmentSendApi(sends, definitions).mount(router);
        StatsStore stats = contacts == null ? null : new StatsStore(contacts);
        new AbTestApi(stats, definitions).mount(router);
        new EmailReportApi(stats, definitions, Clock.systemUTC()).mount(router);
    }
}
