package io.leadstream.gateway.emails;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EmailFamilyTest {
    @Test
    void anEmailThenItsVariantsThenTheTranslationsOfThemAll() {
        Map<String, JsonObject> emails = new TreeMap<>(Map.of(
                "a", new JsonObject(),
                "a-b", new JsonObject().put("variantOf", "a"),
                "a-fr", new JsonObject().put("translationOf", "a").put("language", "fr"),
                "b-fr", new JsonObject().put("translationOf", "a-b").put("language", "fr"),
                "other", new JsonObject(),
                "other-b", new JsonObject().put("variantOf", "other")));
        assertThat(EmailFamily.of("a", emails)).containsExactly("a", "a-b", "a-fr", "b-fr");
        assertThat(EmailFamily.of("other", emails)).containsExactly("other", "other-b");
        assertThat(EmailFamily.of("a-fr", emails)).containsExactly("a-fr");
    }
}
