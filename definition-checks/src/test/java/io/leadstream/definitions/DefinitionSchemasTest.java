package io.leadstream.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON Schemas of point, segment and campaign definitions: what they accept, and that every problem is reported. */
class DefinitionSchemasTest {

    private static List<String> problems(String kind, String json) {
        return DefinitionSchemas.forKind(kind).check(DefinitionChecksTest.json(json)).stream().map(Problem::toString).toList();
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
                  {"kind": "company_field", "field": "companyindustry", "operator": "eq", "value": "Software"},
                  {"kind": "company_field", "field": "companyannual_revenue", "operator": "between", "value": [10, 100]},
                  {"glue": "or", "kind": "segment", "segment": "vip", "operator": "member"}
                ]}""")).isEmpty();
    }

    @Test
    void aCompanyFieldFilterHasTheOperatorsAndValuesOfAFieldFilter() {
        assertThat(problems("segments", """
                {"id": "companies", "name": "Companies", "filters": [
                  {"kind": "company_field", "field": "companycountry", "operator": "not_in", "value": ["France"]},
                  {"kind": "company_field", "field": "companyname", "operator": "empty"},
                  {"kind": "company_field", "field": "companyname", "operator": "not_regexp", "value": "^Acme"}]}""")).isEmpty();
        List<String> problems = problems("segments", """
                {"id": "bad", "name": "Bad", "filters": [
                  {"kind": "company_field", "field": "Industry!", "operator": "eq", "value": "x"},
                  {"kind": "company_field", "field": "companyname", "operator": "about", "value": "x"},
                  {"kind": "company_field", "field": "companyname", "operator": "in", "value": "Acme"},
                  {"kind": "company_field", "field": "companyname", "operator": "eq"},
                  {"kind": "company_field", "field": "companyname", "operator": "empty", "value": "x"},
                  {"kind": "company_field", "operator": "eq", "value": "x", "company": "acme"}]}""");
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/filters/0/field"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/filters/1/operator"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/filters/2/value"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/filters/3:").contains("value"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/filters/4:"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/filters/5:").contains("field"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/filters/5:").contains("company"));
    }

    @Test
    void aFieldSaysWhoseItIs() {
        assertThat(problems("fields", """
                {"id": "tier", "label": "Tier", "type": "text", "object": "company"}""")).isEmpty();
        assertThat(problems("fields", """
                {"id": "tier", "label": "Tier", "type": "text", "object": "contact"}""")).isEmpty();
        assertThat(problems("fields", """
                {"id": "tier", "label": "Tier", "type": "text", "object": "deal"}""")).singleElement().satisfies(p -> assertThat(p).startsWith("/object"));
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
    void aCampaignUsingEveryEventKindTimingModeWindowAndAGoalIsValid() {
        assertThat(problems("campaigns", """
                {"id": "everything", "name": "Every kind", "enabled": true, "reentry": "rotate", "timezone": "America/Argentina/Buenos_Aires",
                 "sources": {"segments": ["newsletter"], "forms": []},
                 "goals": [{"kind": "page_visited", "url": "https://shop.example/thank-you*"}, {"kind": "form_submitted"}],
                 "events": [
                  {"id": "a1", "name": "Welcome", "type": "action", "kind": "send_email", "email": "welcome"},
                  {"id": "a2", "parent": "a1", "type": "action", "kind": "adjust_points", "points": -5, "group": "product-a",
                   "timing": {"mode": "interval", "amount": 2, "unit": "hours"}},
                  {"id": "a3", "parent": "a2", "type": "action", "kind": "segment_add", "segment": "warm",
                   "timing": {"mode": "date", "at": "2026-12-01T09:00:00+01:00"}},
                  {"id": "a4", "parent": "a3", "type": "action", "kind": "segment_remove", "segment": "cold", "timing": {"mode": "immediate"}},
                  {"id": "a5", "parent": "a4", "type": "action", "kind": "tags_add", "tags": ["warm"],
                   "window": {"from": "08:00", "to": "12:00", "days": ["MON", "FRI"]}},
                  {"id": "a6", "parent": "a5", "type": "action", "kind": "tags_remove", "tags": ["cold"], "window": {"to": "18:00"}},
                  {"id": "a7", "parent": "a6", "type": "action", "kind": "update_field", "field": "stage", "value": ""},
                  {"id": "a8", "parent": "a7", "type": "action", "kind": "campaign_add", "campaign": "upsell"},
                  {"id": "a9", "parent": "a8", "type": "action", "kind": "campaign_remove", "campaign": "onboarding"},
                  {"id": "a10", "parent": "a9", "type": "action", "kind": "webhook", "url": "https://crm.example/hook?x=1", "method": "PUT",
                   "headers": {"X-Token": "t"}},
                  {"id": "a11", "parent": "a10", "type": "action", "kind": "dnc_add", "reason": "asked"},
                  {"id": "a12", "parent": "a11", "type": "action", "kind": "dnc_remove"},
                  {"id": "c1", "parent": "a12", "type": "condition", "kind": "field", "field": "country", "operator": "in", "value": ["FR", "DE"]},
                  {"id": "c2", "parent": "c1", "path": "yes", "type": "condition", "kind": "segment", "segment": "vip"},
                  {"id": "c3", "parent": "c2", "path": "no", "type": "condition", "kind": "tags", "tags": ["x"], "match": "all"},
                  {"id": "c4", "parent": "c3", "path": "yes", "type": "condition", "kind": "points", "operator": "gte", "value": 50, "group": "product-a"},
                  {"id": "c5", "parent": "c4", "path": "yes", "type": "condition", "kind": "dnc"},
                  {"id": "c6", "parent": "c5", "path": "no", "type": "condition", "kind": "valid_email",
                   "timing": {"mode": "interval", "amount": 1, "unit": "days"}, "window": {"days": ["SAT", "SUN"]}},
                  {"id": "c7", "parent": "c6", "path": "yes", "type": "condition", "kind": "form_field", "form": "contact-us",
                   "field": "phone", "operator": "not_empty"},
                  {"id": "d1", "parent": "c7", "path": "yes", "type": "decision", "kind": "email_opened", "email": "welcome",
                   "timeout": {"amount": 3, "unit": "days"}},
                  {"id": "d2", "parent": "d1", "path": "yes", "type": "decision", "kind": "email_clicked", "email": "welcome", "url": "https://shop.example/*"},
                  {"id": "d3", "parent": "d1", "path": "no", "type": "decision", "kind": "page_visited", "url": "https://shop.example/*",
                   "timeout": {"amount": 1, "unit": "months"}},
                  {"id": "d4", "parent": "d3", "path": "yes", "type": "decision", "kind": "form_submitted", "form": "contact-us"},
                  {"id": "d5", "parent": "d3", "path": "no", "type": "decision", "kind": "asset_downloaded"},
                  {"id": "j1", "parent": "d4", "path": "yes", "type": "action", "kind": "jump", "to": "a1"},
                  {"id": "co1", "parent": "d5", "path": "yes", "type": "action", "kind": "add_to_company", "company": "acme"},
                  {"id": "co2", "parent": "co1", "type": "action", "kind": "change_company_score", "points": -10},
                  {"id": "co3", "parent": "co2", "type": "condition", "kind": "company_field", "field": "companyindustry", "operator": "in", "value": ["Software"]}
                 ]}""")).isEmpty();
    }

    @Test
    void everyProblemOfACampaignIsReportedWithItsLocation() {
        List<String> problems = problems("campaigns", """
                {"id": "bad", "reentry": "always", "timezone": "+01:00", "sources": {"segments": [], "lists": ["x"]},
                 "goals": [{"kind": "send_email", "email": "x"}, {"kind": "page_visited", "url": "https://x/*", "timeout": {"amount": 1, "unit": "days"}}],
                 "events": [
                  {"id": "a1", "type": "action", "kind": "send_email", "email": "welcome", "subject": "Hi"},
                  {"id": "a2", "type": "action", "kind": "send_email", "email": "w", "timeout": {"amount": 1, "unit": "days"}},
                  {"id": "d1", "type": "decision", "kind": "page_visited", "url": "https://x/*", "window": {"from": "08:00"}},
                  {"id": "c1", "type": "condition", "kind": "page_visited", "url": "https://x/*"},
                  {"id": "a3", "type": "action", "kind": "adjust_points", "points": 0},
                  {"id": "a4", "type": "action", "kind": "webhook", "url": "ftp://x", "method": "GET"},
                  {"id": "c2", "type": "condition", "kind": "field", "field": "country", "operator": "=", "value": "FR"},
                  {"id": "c3", "type": "condition", "kind": "form_field", "form": "f", "field": "phone", "operator": "empty", "value": "x"},
                  {"id": "a5", "type": "action", "kind": "tags_add", "tags": ["x"], "timing": {"mode": "interval", "amount": 0, "unit": "weeks"}},
                  {"id": "a6", "type": "action", "kind": "tags_add", "tags": ["x"], "timing": {"mode": "date", "at": "2026-12-01 09:00"}},
                  {"id": "a7", "type": "action", "kind": "tags_add", "tags": ["x"], "window": {"from": "8:00", "days": ["MON", "MON"]}},
                  {"id": "a8", "type": "action", "kind": "tags_add", "tags": ["x"], "path": "yes"},
                  {"id": "x", "type": "trigger", "kind": "send_email", "email": "x"}
                 ]}""");
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("document:").contains("name"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/reentry"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/timezone"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/sources:").contains("lists"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/sources/segments"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/goals/0/kind"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/goals/1/timeout"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/events/0:").contains("subject"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/events/1/timeout"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/events/2/window"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/events/3/kind"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/events/4/points"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/events/5/url"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/events/5/method"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/events/6/operator"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/events/7:").contains("value"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/events/8/timing/amount"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/events/8/timing/unit"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/events/9/timing/at"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/events/10/window/from"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/events/10/window/days"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/events/11:").contains("parent"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/events/12/type"));
        // Each problem once; the other lines: sources' second alternative ("forms" required), and the
        // bad instant twice, by its pattern and by its format (formats are asserted).
        assertThat(problems).hasSize(25);
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
                  {"type": "send_email", "email": "welcome-sales"}, {"type": "campaign_add", "campaign": "nurture"},
                  {"type": "change_company_score", "points": 20}]}""")).isEmpty();
        List<String> problems = problems("point-triggers", """
                {"id": "t", "name": "Broken", "threshold": "high", "actions": [
                  {"type": "segment_add"}, {"type": "tags_add", "tags": []}, {"type": "send_sms", "to": "x"},
                  {"type": "change_company_score", "points": 0}, {"type": "change_company_score", "points": 5, "company": "acme"}]}""");
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/threshold"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/actions/0").contains("segment"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/actions/1/tags"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/actions/2/type"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/actions/3/points"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/actions/4:").contains("company"));
    }

    @Test
    void dynamicContentHasADefaultAndVariantsFilteredBySegmentFieldTagsAndPoints() {
        assertThat(problems("dynamic-content", """
                {"id": "hero", "name": "Hero", "default": "<p>Hi</p>", "variants": [
                  {"filters": [{"kind": "segment", "segment": "vip"}, {"kind": "tags", "tags": ["a"], "operator": "none"}], "content": "<p>VIP</p>"},
                  {"filters": [{"kind": "field", "field": "country", "operator": "eq", "value": "FR"}, {"kind": "points", "operator": "gte", "value": 5}],
                   "content": "<p>Bonjour</p>"}]}""")).isEmpty();
        List<String> problems = problems("dynamic-content", """
                {"id": "hero", "name": "Hero", "variants": [
                  {"filters": [], "content": "x"},
                  {"filters": [{"kind": "behavior"}, {"kind": "points", "operator": "gte", "value": "many"}], "content": "y"}]}""");
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("document:").contains("default"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/variants/0/filters"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/variants/1/filters/0/kind"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/variants/1/filters/1/value"));
    }

    @Test
    void pointGroupsAreNamed() {
        assertThat(problems("point-groups", """
                {"id": "product-a", "name": "Product A interest"}""")).isEmpty();
        assertThat(problems("point-groups", """
                {"id": "product-a", "colour": "red"}""")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void anEmailNeedsItsBodiesSenderAndType() {
        assertThat(problems("emails", """
                {"id": "welcome", "name": "Welcome", "subject": "Hello {contactfield=firstname|there}",
                 "html": "<p>Hi</p><a href=\\"{unsubscribe_url}\\">unsubscribe</a>", "text": "Hi", "from": "news@shop.example",
                 "fromName": "Shop", "type": "marketing"}""")).isEmpty();
        List<String> problems = problems("emails", """
                {"id": "bad", "name": "Bad", "subject": "", "html": "<p>Hi</p>", "from": "not an address", "type": "bulk", "cc": "x"}""");
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("document:").contains("text"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/subject"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/from"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/type"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("cc"));
    }

    @Test
    void anEmailMayNameATransportTheWorkersKnowByName() {
        String email = """
                {"id": "news", "name": "News", "subject": "s", "html": "<p>h</p>", "text": "t", "from": "news@shop.example",
                 "type": "marketing", "transport": "%s"}""";
        assertThat(problems("emails", email.formatted("bulk-1"))).isEmpty();
        assertThat(problems("emails", email.formatted("no spaces"))).anySatisfy(p -> assertThat(p).startsWith("/transport"));
    }
}
