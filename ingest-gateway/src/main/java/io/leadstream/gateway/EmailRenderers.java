package io.leadstream.gateway;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.email.SignedTokens;
import io.leadstream.definitions.DefinitionCatalog;
import io.leadstream.email.CatalogTokenSources;
import io.leadstream.email.EmailRenderer;
import io.leadstream.email.EmailSettings;
import io.leadstream.email.TrackingLinks;
import java.util.function.Supplier;

/**
 * The send workers' renderer as the gateway uses it (web view, an editor's preview): the same site
 * texts and formats ({@code email.*}), pages, assets and field types from this gateway's definitions.
 * One per request: the base URL is known once the server listens, and the catalog is read once per render.
 */
public final class EmailRenderers implements Supplier<EmailRenderer> {
    private final SignedTokens tokens;
    private final DefinitionCatalog catalog;
    private final Supplier<String> baseUrl;
    private final EmailSettings settings;

    EmailRenderers(LeadStreamConfig config, SignedTokens tokens, DefinitionCatalog catalog, Supplier<String> baseUrl) {
        this.tokens = tokens;
        this.catalog = catalog;
        this.baseUrl = baseUrl;
        this.settings = EmailSettings.of(config);
    }

    @Override
    public EmailRenderer get() {
        String base = baseUrl.get();
        return new EmailRenderer(new TrackingLinks(base, tokens), settings, new CatalogTokenSources(base, catalog.readOnce()));
    }
}
