package io.leadstream.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadstream.definitions.DefinitionCatalog;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogTokenSourcesTest {
    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void pagesAssetsAndFieldTypesComeFromTheDefinitions() throws Exception {
        Map<String, JsonNode> fields = Map.of("birthday", json("{\"id\": \"birthday\", \"label\": \"B\", \"type\": \"date\"}"));
        Map<String, JsonNode> pages = Map.of("spring", json("{\"id\": \"spring\", \"title\": \"S\", \"alias\": \"spring-offer\", \"content\": \"x\"}"));
        Map<String, JsonNode> assets = Map.of("pdf", json("{\"id\": \"pdf\", \"url\": \"https://cdn.example/a.pdf\"}"));
        DefinitionCatalog catalog = kind -> switch (kind) {
            case "pages" -> pages;
            case "assets" -> assets;
            case "fields" -> fields;
            default -> Map.of();
        };
        CatalogTokenSources sources = new CatalogTokenSources("https://t.example/", catalog);
        assertThat(sources.pageUrl("spring")).isEqualTo("https://t.example/spring-offer");
        assertThat(sources.pageUrl("gone")).isNull();
        assertThat(sources.assetUrl("pdf")).isEqualTo("https://t.example/asset/pdf");
        assertThat(sources.assetUrl("gone")).isNull();
        assertThat(sources.fieldType("birthday")).isEqualTo("date");
        assertThat(sources.fieldType("attribution_date")).as("a standard field").isEqualTo("datetime");
        assertThat(sources.fieldType("companyannual_revenue")).as("a company field is no contact field").isNull();
        assertThat(sources.fieldType("nothing")).isNull();
    }
}
