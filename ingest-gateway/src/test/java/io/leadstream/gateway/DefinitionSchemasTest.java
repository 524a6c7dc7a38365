package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.gateway.definitions.JsonSchemaDefinitionValidator;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON Schemas of point and segment definitions: what they accept, and that every problem is reported. */
class DefinitionSchemasTest {

    private static List<String> problems(String kind, String json) {
        return JsonSchemaDefinitionValidator.forKind(kind).validate("x", new JsonObject(json));
    }

    @Test
    void aSegmentUsingEveryFilterKindIsValid() {
        assertThat(problems("segments", """
                {"id": "hot-leads", "name": "Hot leads", "filters": [
                  {"kind": "field", "field": "country", "operator": "in", "value": ["FR", "DE"]},
                  {"kind": "field", "field": "created_at", "operator": "gte", "value": "-30 days"},
                  {"kind": "field", "field": "phone", "operator": "not_empty"},
                  {"kind": "field", "field": "age", "operator": "between", "value": [18, 65]},
                  {"kind": "behavior", "behavior": "page_hit", "url": "https://shop.example.com/pricing*", "within": "P7D", "operator": "gte", "count": 2},
                  {"kind": "last_active", "operator": "gte", "date": "this week"},
                  {"kind": "points", "group": "product-a", "operator": "gte", "value": 50},
                  {"kind": "tags", "operator": "none", "tags": ["customer"]},
                  {"kind": "dnc", "operator": "is_not"},
                  {"glue": "or", "kind": "segment", "segment": "vip", "operator": "member"}
                ]}""")).isEmpty();
    }

    @Test
    void everyProblemOfASegmentIsReportedWithItsLocation() {
        List<String> problems = problems("segments", """
                {"id": "bad", "filters": [
                  {"kind": "field", "field": "Country!", "operator": "in", "value": "FR"},
                  {"kind": "behavior", "behavior": "page_hit", "within": "7 days"},
                  {"kind": "points", "operator": "about", "value": 5},
                  {"kind": "colour"}
                ]}""");
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("document:").contains("name"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/filters/0/field"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/filters/0/value"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/filters/1/within"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/filters/2/operator"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/filters/3/kind"));
    }

    @Test
    void pointActionsNeedWhatTheirTypeAndRuleUse() {
        assertThat(problems("point-actions", """
                {"id": "pricing", "name": "Pricing page, third visit", "type": "page_hit", "points": 10,
                 "url": "https://shop.example.com/pricing*", "rule": "hits", "hits": 3, "group": "product-a"}""")).isEmpty();
        assertThat(problems("point-actions", """
                {"id": "open", "name": "Any open", "type": "email_open", "points": 1, "repeatable": true}""")).isEmpty();

        assertThat(problems("point-actions", """
                {"id": "p", "name": "No URL", "type": "page_hit", "points": 5, "rule": "returns_within"}"""))
                .anySatisfy(p -> assertThat(p).contains("url"))
                .anySatisfy(p -> assertThat(p).contains("window"));
        assertThat(problems("point-actions", """
                {"id": "p", "name": "URL on an open", "type": "email_open", "points": 1.5, "url": "https://x/*"}"""))
                .anySatisfy(p -> assertThat(p).startsWith("/points"))
                .hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void pointTriggersCheckEachActionByItsType() {
        assertThat(problems("point-triggers", """
                {"id": "mql", "name": "Marketing qualified", "threshold": 100, "rearm": "below", "actions": [
                  {"type": "segment_add", "segment": "mql"}, {"type": "tags_add", "tags": ["mql"]},
                  {"type": "send_email", "email": "welcome-sales"}, {"type": "campaign_add", "campaign": "nurture"}]}""")).isEmpty();
        List<String> problems = problems("point-triggers", """
                {"id": "t", "name": "Broken", "threshold": "high", "actions": [
                  {"type": "segment_add"}, {"type": "tags_add", "tags": []}, {"type": "send_sms", "to": "x"}]}""");
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/threshold"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/actions/0").contains("segment"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/actions/1/tags"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/actions/2/type"));
    }

    @Test
    void pointGroupsAreNamed() {
        assertThat(problems("point-groups", """
                {"id": "product-a", "name": "Product A interest"}""")).isEmpty();
        assertThat(problems("point-groups", """
                {"id": "product-a", "colour": "red"}""")).hasSizeGreaterThanOrEqualTo(2);
    }
}
