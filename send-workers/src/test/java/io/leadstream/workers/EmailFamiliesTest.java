package io.leadstream.workers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailFamiliesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, JsonNode> emails(String... docs) throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        for (String d : docs) {
            JsonNode doc = JSON.readTree(d);
            out.put(doc.get("id").asText(), doc);
        }
        return out;
    }

    @Test
    void variantsListTheTestedEmailFirstWithTheirWeights() throws Exception {
        EmailFamilies.Index index = EmailFamilies.index(emails("{\"id\": \"a\", \"weight\": 2}", "{\"id\": \"c\", \"variantOf\": \"a\"}",
                "{\"id\": \"b\", \"variantOf\": \"a\", \"weight\": 5}", "{\"id\": \"x\", \"variantOf\": \"gone\"}", "{\"id\": \"solo\"}"));
        assertThat(index.variants().get("a")).containsExactly(new EmailFamilies.Variant("a", 2), new EmailFamilies.Variant("b", 5),
                new EmailFamilies.Variant("c", 1));
        assertThat(index.variants()).doesNotContainKeys("solo", "gone");
    }

    @Test
    void aTranslationIsTheLocalesLanguageExactlyElseItsLanguageAlone() throws Exception {
        Map<String, JsonNode> docs = emails("{\"id\": \"a\"}", "{\"id\": \"a-fr\", \"translationOf\": \"a\", \"language\": \"fr\"}",
                "{\"id\": \"a-pt-br\", \"translationOf\": \"a\", \"language\": \"pt-BR\"}");
        EmailFamilies.Index index = EmailFamilies.index(docs);
        assertThat(index.translations().get("a")).containsEntry("fr", "a-fr").containsEntry("pt-br", "a-pt-br");
        EmailFamilies fixed = new EmailFamilies(kind -> docs);
        assertThat(fixed.translation("a", "fr_CA")).isEqualTo("a-fr");
        assertThat(fixed.translation("a", "pt_BR")).isEqualTo("a-pt-br");
        assertThat(fixed.translation("a", "pt")).isNull();
        assertThat(fixed.translation("a", "de")).isNull();
        assertThat(fixed.translation("a", null)).isNull();
        assertThat(fixed.translation("a-fr", "fr")).isNull();
    }
}
