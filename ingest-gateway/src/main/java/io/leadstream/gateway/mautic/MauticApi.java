package io.leadstream.gateway.mautic;

import io.leadstream.gateway.ContentTypeGuard;
import io.leadstream.gateway.companies.Companies;
import io.leadstream.gateway.auth.AuthHandler;
import io.leadstream.gateway.contacts.ContactStore;
import io.leadstream.gateway.contacts.ContactActions;
import io.leadstream.gateway.contacts.ContactsApi;
import io.leadstream.gateway.definitions.DefinitionsApi;
import io.leadstream.gateway.definitions.DefinitionsCache;
import io.leadstream.gateway.emails.SegmentEmailSends;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Set;

/**
 * Mautic's REST API at {@code /api} (beside our {@code /api/v1}), for integrations written against
 * Mautic (docs/mautic-api.md): the same users and roles, integer ids, Mautic's reply shapes and its
 * error body on every failure, unknown routes included; each answer carries {@code Mautic-Version}.
 */
public final class MauticApi implements AutoCloseable {
    /** Every path under /api but /api/v1. */
    public static final String PATHS = "/api/(?!v1(?:/|$)).*";

    private final ContactActions actions;
    private final MauticContacts contacts;
    private final MauticDefinitions definitions;
    private final MauticCompanies companies;

    public MauticApi(ContactStore store, ContactsApi contactsApi, DefinitionsCache cache, DefinitionsApi definitionsApi,
                     ContactActions actions, Set<String> identifierFields, Companies companyParts, SegmentEmailSends segmentSends) {
        MauticCatalog catalog = new MauticCatalog(cache, new MauticIds(store));
        this.actions = actions;
        this.contacts = new MauticContacts(store, contactsApi, catalog, actions, new RecentWrites(Duration.ofMinutes(2)), identifierFields);
        this.definitions = new MauticDefinitions(catalog, contacts, actions, definitionsApi, store, segmentSends);
        this.companies = new MauticCompanies(catalog, contacts, companyParts.known(), companyParts.commands(), companyParts.fields());
    }

    /**
     * Mounts the API: {@code auth} guards it (answering in Mautic's error shape), {@code body} reads
     * bodies of writes. The catch-all for unknown routes comes last: mount this after nothing else
     * under /api but /api/v1.
     */
    public void mount(Router router, AuthHandler auth, ContentTypeGuard types, Handler<RoutingContext> body) {
        router.routeWithRegex(PATHS).handler(ctx -> {
            ctx.response().putHeader("Mautic-Version", MauticReplies.VERSION);
            ctx.next();
        }).handler(auth);
        router.postWithRegex(PATHS).handler(types).handler(body);
        router.putWithRegex(PATHS).handler(types).handler(body);
        router.patchWithRegex(PATHS).handler(types).handler(body);
        contacts.mount(router);
        definitions.mount(router);
        companies.mount(router);
        router.routeWithRegex(PATHS).handler(ctx -> MauticReplies.error(ctx, 404, "Requested URL not found: " + ctx.request().method()
                + " " + ctx.request().path()));
    }

    @Override
    public void close() {
        actions.close();
    }
}
