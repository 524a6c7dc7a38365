package io.leadstream.common.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContentRulesTest {
    private static final JsonNode HERO = json("""
            {"id": "hero", "name": "Hero", "default": "Welcome",
             "variants": [
               {"filters": [{"kind": "segment", "segment": "customers"}, {"kind": "tags", "tags": ["churn-risk"], "operator": "none"}],
                "content": "Thanks for staying"},
               {"filters": [{"kind": "field", "field": "country", "operator": "eq", "value": "de"}], "content": "Willkommen"},
               {"filters": [{"kind": "points", "operator": "gte", "value": 50}, {"kind": "field", "field": "company", "operator": "not_empty"}],
                "content": "Talk to sales"},
               {"filters": [{"kind": "field", "field": "age", "operator": "lt", "value": 18}], "content": "Hi there"}]}""");

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String pick(Map<String, String> fields, Set<String> segments, Set<String> tags, int points) {
        return ContentRules.pick(HERO, new ContentRules.Contact(fields, segments, tags, points));
    }

    @Test
    void theFirstVariantWhoseFiltersAllMatchWins() {
        assertThat(pick(Map.of("country", "DE"), Set.of("customers"), Set.of(), 0)).isEqualTo("Thanks for staying");
        assertThat(pick(Map.of("country", "DE"), Set.of("customers"), Set.of("churn-risk"), 0)).as("a tag it must not have").isEqualTo("Willkommen");
        assertThat(pick(Map.of("company", "Acme"), Set.of(), Set.of(), 50)).isEqualTo("Talk to sales");
        assertThat(pick(Map.of("company", " "), Set.of(), Set.of(), 50)).as("blank is empty").isEqualTo("Welcome");
        assertThat(pick(Map.of("age", "17"), Set.of(), Set.of(), 0)).isEqualTo("Hi there");
        assertThat(pick(Map.of("age", "seventeen"), Set.of(), Set.of(), 0)).as("not a number: no match").isEqualTo("Welcome");
        assertThat(ContentRules.pick(HERO, ContentRules.Contact.UNKNOWN)).isEqualTo("Welcome");
    }

    @Test
    void operatorsReadFieldsAsMauticsFiltersDo() {
        ContentRules.Contact c = new ContentRules.Contact(Map.of("city", "Paris", "n", "10"), Set.of("a"), Set.of("x"), 7);
        assertThat(ContentRules.matches(json("{\"kind\": \"field\", \"field\": \"city\", \"operator\": \"contains\", \"value\": \"AR\"}"), c)).isTrue();
        assertThat(ContentRules.matches(json("{\"kind\": \"field\", \"field\": \"city\", \"operator\": \"starts_with\", \"value\": \"pa\"}"), c)).isTrue();
        assertThat(ContentRules.matches(json("{\"kind\": \"field\", \"field\": \"city\", \"operator\": \"neq\", \"value\": \"paris\"}"), c)).isFalse();
        assertThat(ContentRules.matches(json("{\"kind\": \"field\", \"field\": \"zip\", \"operator\": \"neq\", \"value\": \"1\"}"), c)).isTrue();
        assertThat(ContentRules.matches(json("{\"kind\": \"field\", \"field\": \"n\", \"operator\": \"gte\", \"value\": 10}"), c)).isTrue();
        assertThat(ContentRules.matches(json("{\"kind\": \"field\", \"field\": \"zip\", \"operator\": \"empty\"}"), c)).isTrue();
        assertThat(ContentRules.matches(json("{\"kind\": \"segment\", \"segment\": \"a\", \"operator\": \"not_member\"}"), c)).isFalse();
        assertThat(ContentRules.matches(json("{\"kind\": \"points\", \"operator\": \"lt\", \"value\": 8}"), c)).isTrue();
        assertThat(ContentRules.matches(json("{\"kind\": \"tags\", \"tags\": [\"y\", \"x\"]}"), c)).isTrue();
    }
}
