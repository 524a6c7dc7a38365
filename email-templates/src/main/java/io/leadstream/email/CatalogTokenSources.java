package io.leadstream.email;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadstream.definitions.DefinitionCatalog;
import io.leadstream.definitions.StandardFields;
import java.util.HashMap;
import java.util.Map;

/**
 * Token sources read from the stored definitions: a page's address is the gateway's {@code /{alias}},
 * an asset's its {@code /asset/{id}}, a field's type its definition's (standard fields included). The
 * field types are worked out again only when the catalog hands out a different map of fields, so a
 * catalog that caches its kinds makes this cheap per send.
 */
public final class CatalogTokenSources implements TokenSources {
    private record FieldTypes(Map<String, JsonNode> read, Map<String, String> byAlias) {}

    private final String base;
    private final DefinitionCatalog catalog;
    private volatile FieldTypes types = new FieldTypes(null, Map.of());

    /** @param baseUrl the gateway's public URL ({@code gateway.public-url}) */
    public CatalogTokenSources(String baseUrl, DefinitionCatalog catalog) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.catalog = catalog;
    }

    @Override
    public String pageUrl(String pageId) {
        JsonNode page = catalog.all("pages").get(pageId);
        return page == null || !page.path("alias").isTextual() ? null : base + "/" + page.get("alias").asText();
    }

    @Override
    public String assetUrl(String assetId) {
        return catalog.all("assets").containsKey(assetId) ? base + "/asset/" + assetId : null;
    }

    @Override
    public String fieldType(String alias) {
        Map<String, JsonNode> fields = catalog.all(StandardFields.KIND);
        FieldTypes known = types;
        if (known.read() != fields) {
            Map<String, String> byAlias = new HashMap<>();
            StandardFields.definitions(kind -> kind.equals(StandardFields.KIND) ? fields : Map.of())
                    .forEach((a, f) -> byAlias.put(a, f.company() ? null : f.type().id())); // a company field is no {contactfield}
            known = new FieldTypes(fields, byAlias);
            types = known;
        }
        return known.byAlias().get(alias);
    }
}
