package io.leadstream.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule of the checks on a small catalog: what it refuses, where it points, and what it still lets through. */
class DefinitionChecksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DefinitionChecks CHECKS = new DefinitionChecks();
    private final Map<String, Map<String, JsonNode>> stored = new HashMap<>();
    private final DefinitionCatalog catalog = DefinitionCatalog.of(stored);

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void store(String kind, String id, String doc) {
        JsonNode node = json(doc);
        assertThat(CHECKS.check(kind, id, node, catalog)).as("stored %s/%s is valid", kind, id).isEmpty();
        stored.computeIfAbsent(kind, k -> new HashMap<>()).put(id, node);
    }

    private List<Problem> check(String kind, String id, String doc) {
        return CHECKS.check(kind, id, json(doc), catalog);
    }

    private static String segment(String id, String filters) {
        return "{\"id\": \"" + id + "\", \"name\": \"" + id + "\", \"filters\": " + filters + "}";
    }

    @Test
    void aPatternThatDoesNotCompileIsRefusedWhereItIs() {
        List<Problem> problems = check("segments", "s", segment("s",
                "[{\"kind\": \"field\", \"field\": \"email\", \"operator\": \"regexp\", \"value\": \"^ok$\"},"
                        + " {\"kind\": \"field\", \"field\": \"email\", \"operator\": \"not_regexp\", \"value\": \"([a-z\"}]"));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.pointer()).isEqualTo("/filters/1/value");
            assertThat(p.reason()).startsWith("not a regular expression");
        });
    }

    @Test
    void datesMustBeOnTheCalendar() {
        store("fields", "birthday", "{\"id\": \"birthday\", \"label\": \"Birthday\", \"type\": \"date\"}");
        assertThat(check("segments", "s", segment("s", "[{\"kind\": \"last_active\", \"operator\": \"gt\", \"date\": \"2026-02-30\"},"
                + " {\"kind\": \"field\", \"field\": \"birthday\", \"operator\": \"between\", \"value\": [\"2000-01-01\", \"2000-13-01\"]}]")))
                .extracting(Problem::pointer).containsExactly("/filters/0/date", "/filters/1/value/1");
        assertThat(check("segments", "s", segment("s", "[{\"kind\": \"last_active\", \"operator\": \"gt\", \"date\": \"2028-02-29\"}]")))
                .as("a leap day").isEmpty();
        String campaign = """
                {"id": "c", "name": "C", "sources": {"segments": ["s"]}, "events": [
                  {"id": "e1", "type": "action", "kind": "tags_add", "tags": ["x"], "timing": {"mode": "date", "at": "%s"}}]}""";
        store("segments", "s", segment("s", "[]"));
        assertThat(check("campaigns", "c", campaign.formatted("2027-02-30T09:00:00Z"))).extracting(Problem::pointer)
                .containsExactly("/events/0/timing/at");
        assertThat(check("campaigns", "c", campaign.formatted("2027-02-28T09:00:00Z"))).isEmpty();
    }

    @Test
    void aSegmentCannotReadItsOwnMembershipDirectlyOrRoundOthers() {
        assertThat(check("segments", "a", segment("a", "[{\"kind\": \"segment\", \"segment\": \"a\", \"operator\": \"member\"}]")))
                .extracting(Problem::toString).containsExactly("/filters/0/segment: a segment cannot filter on its own membership");
        store("segments", "a", segment("a", "[]"));
        store("segments", "b", segment("b", "[{\"kind\": \"segment\", \"segment\": \"a\", \"operator\": \"not_member\"}]"));
        store("segments", "c", segment("c", "[{\"kind\": \"segment\", \"segment\": \"b\", \"operator\": \"member\"}]"));
        // a now reading c would close a -> c -> b -> a.
        assertThat(check("segments", "a", segment("a", "[{\"kind\": \"segment\", \"segment\": \"c\", \"operator\": \"member\"}]")))
                .extracting(Problem::toString).containsExactly("/filters: membership filters loop: a -> c -> b -> a");
        assertThat(check("segments", "d", segment("d", "[{\"kind\": \"segment\", \"segment\": \"c\", \"operator\": \"member\"}]")))
                .as("reading a chain is fine").isEmpty();
    }

    @Test
    void filtersInsideGroupsAreCheckedWhereTheyAreAndGroupsNestAtMostFourDeep() {
        store("fields", "age", "{\"id\": \"age\", \"label\": \"Age\", \"type\": \"number\"}");
        store("segments", "a", segment("a", "[]"));
        store("segments", "b", segment("b", "[{\"kind\": \"group\", \"filters\": [{\"kind\": \"segment\", \"segment\": \"a\", \"operator\": \"member\"}]}]"));
        List<Problem> problems = check("segments", "s", segment("s", "[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 1},"
                + " {\"kind\": \"group\", \"glue\": \"or\", \"filters\": [{\"kind\": \"field\", \"field\": \"age\", \"operator\": \"like\", \"value\": \"3%\"},"
                + " {\"kind\": \"field\", \"field\": \"email\", \"operator\": \"regexp\", \"value\": \"([a-z\"},"
                + " {\"kind\": \"segment\", \"segment\": \"nope\", \"operator\": \"member\"}]}]"));
        assertThat(problems).extracting(Problem::pointer)
                .containsExactlyInAnyOrder("/filters/1/filters/0/operator", "/filters/1/filters/1/value", "/filters/1/filters/2/segment");
        assertThat(check("segments", "a", segment("a", "[{\"kind\": \"group\", \"filters\": [{\"kind\": \"segment\", \"segment\": \"b\", \"operator\": \"member\"}]}]")))
                .as("a loop through a group").extracting(Problem::toString).containsExactly("/filters: membership filters loop: a -> b -> a");
        String leaf = "{\"kind\": \"dnc\", \"operator\": \"is_not\"}";
        String four = leaf;
        for (int i = 0; i < 4; i++) {
            four = "{\"kind\": \"group\", \"filters\": [" + four + "]}";
        }
        assertThat(check("segments", "d", segment("d", "[" + four + "]"))).as("four deep").isEmpty();
        assertThat(check("segments", "d", segment("d", "[{\"kind\": \"group\", \"filters\": [" + four + "]}]")))
                .extracting(Problem::toString).containsExactly("/filters/0/filters/0/filters/0/filters/0/filters/0: groups nest at most 4 deep");
        assertThat(check("segments", "d", segment("d", "[{\"kind\": \"group\", \"filters\": []}]")))
                .as("an empty group is refused by the schema").isNotEmpty();
    }

    @Test
    void everyNamedDefinitionMustExistAndAllMissingOnesAreReportedAtOnce() {
        store("segments", "s", segment("s", "[]"));
        List<Problem> problems = check("campaigns", "c", """
                {"id": "c", "name": "C", "sources": {"segments": ["s", "gone"]}, "events": [
                  {"id": "e1", "type": "action", "kind": "send_email", "email": "welcome"},
                  {"id": "e2", "type": "action", "kind": "adjust_points", "points": 5, "group": "vip", "parent": "e1"}]}""");
        assertThat(problems).extracting(Problem::toString).containsExactlyInAnyOrder(
                "/sources/segments/1: no segment \"gone\" is defined",
                "/events/0/email: no email \"welcome\" is defined",
                "/events/1/group: no point group \"vip\" is defined");
    }

    @Test
    void aDefinitionStillNamedCannotGoAndTheAnswerSaysByWhom() {
        store("segments", "s", segment("s", "[]"));
        store("emails", "welcome", "{\"id\": \"welcome\", \"name\": \"W\", \"type\": \"marketing\", \"from\": \"a@shop.example\", \"subject\": \"Hi\", \"html\": \"<p>x</p>\", \"text\": \"x\"}");
        store("segments", "t", segment("t", "[{\"kind\": \"segment\", \"segment\": \"s\", \"operator\": \"member\"}]"));
        store("point-triggers", "p", "{\"id\": \"p\", \"name\": \"P\", \"threshold\": 10, \"actions\": [{\"type\": \"segment_add\", \"segment\": \"s\"}]}");
        assertThat(CHECKS.referrers("segments", "s", catalog)).containsExactly("segments/t", "point-triggers/p");
        assertThat(CHECKS.referrers("emails", "welcome", catalog)).isEmpty();
    }

    @Test
    void aJumpThatComesRoundWithoutAWaitIsRefusedAndOneWithAnIntervalIsNot() {
        store("segments", "s", segment("s", "[]"));
        String campaign = """
                {"id": "c", "name": "C", "sources": {"segments": ["s"]}, "events": [
                  {"id": "tag", "type": "action", "kind": "tags_add", "tags": ["x"]},
                  {"id": "check", "type": "condition", "kind": "tags", "tags": ["y"], "parent": "tag"},
                  {"id": "again", "type": "action", "kind": "jump", "to": "tag", "parent": "check", "path": "no"%s}]}""";
        assertThat(check("campaigns", "c", campaign.formatted(""))).extracting(Problem::toString).containsExactly(
                "/events/0: runs round without a wait: tag -> check -> again -> tag (give one of these events an interval, or put a decision on the way)");
        assertThat(check("campaigns", "c", campaign.formatted(", \"timing\": {\"mode\": \"interval\", \"amount\": 1, \"unit\": \"days\"}"))).isEmpty();
    }

    @Test
    void aTriggerReArmedBelowCannotStartACampaignThatMovesItsOwnScore() {
        store("segments", "hot", segment("hot", "[]"));
        store("campaigns", "cool-down", """
                {"id": "cool-down", "name": "Cool down", "sources": {"segments": ["hot"]}, "events": [
                  {"id": "minus", "type": "action", "kind": "adjust_points", "points": -50}]}""");
        String trigger = "{\"id\": \"t\", \"name\": \"T\", \"threshold\": 100, \"rearm\": \"%s\","
                + " \"actions\": [{\"type\": \"tags_add\", \"tags\": [\"hot\"]}, {\"type\": \"segment_add\", \"segment\": \"hot\"}]}";
        assertThat(check("point-triggers", "t", trigger.formatted("below"))).extracting(Problem::toString).containsExactly(
                "/actions/1: the campaign \"cool-down\" this starts adjusts the score the trigger watches: re-armed below, the trigger could fire itself again");
        assertThat(check("point-triggers", "t", trigger.formatted("never"))).as("fires once per contact: no loop").isEmpty();
    }

    @Test
    void definitionsAreStoredAfterWhatTheyName() {
        Map<String, Map<String, JsonNode>> docs = Map.of(
                "point-triggers", Map.of("hot", json("{\"actions\": [{\"type\": \"campaign_add\", \"campaign\": \"a\"}]}")),
                "campaigns", Map.of("a", json("{\"events\": [{\"kind\": \"campaign_add\", \"campaign\": \"b\"}]}"), "b", json("{}")),
                "segments", Map.of("x", json("{\"filters\": [{\"kind\": \"segment\", \"segment\": \"y\"}]}"), "y", json("{}")),
                "emails", Map.of("news", json("{}")),
                "forms", Map.of("signup", json("{\"actions\": [{\"type\": \"segment_add\", \"segment\": \"y\"}, {\"type\": \"send_email\", \"email\": \"news\"}]}")));
        assertThat(DefinitionChecks.inDependencyOrder(docs)).as("a form goes after the segment and the email its actions name")
                .containsExactly("segments/y", "emails/news", "forms/signup", "segments/x", "campaigns/b", "campaigns/a", "point-triggers/hot");
    }

    @Test
    void aFormsActionsAreCheckedLikeACampaignsNamesAndFieldValuesIncluded() {
        store("emails", "notice", "{\"id\": \"notice\", \"name\": \"Notice\", \"type\": \"transactional\", \"from\": \"f@x.example\","
                + " \"subject\": \"New\", \"html\": \"{formresults}\", \"text\": \"{formresults}\"}");
        store("fields", "vip", "{\"id\": \"vip\", \"label\": \"VIP\", \"type\": \"boolean\"}");
        store("segments", "leads", segment("leads", "[{\"kind\": \"tags\", \"operator\": \"any\", \"tags\": [\"x\"]}]"));
        List<Problem> problems = check("forms", "f", """
                {"id": "f", "fields": [{"alias": "email", "type": "email"}], "actions": [
                  {"type": "segment_add", "segment": "leads"},
                  {"type": "update_field", "field": "vip", "value": "perhaps"},
                  {"type": "send_email", "email": "welcome"},
                  {"type": "adjust_points", "points": 5, "group": "nope"},
                  {"type": "update_field", "field": "shoe_size", "value": "42"}]}""");
        assertThat(problems).extracting(Problem::pointer)
                .containsExactlyInAnyOrder("/actions/1/value", "/actions/2/email", "/actions/3/group", "/actions/4/field");
        assertThat(check("forms", "g", "{\"id\": \"g\", \"fields\": [{\"alias\": \"email\"}], \"actions\": [{\"type\": \"tags_add\"}]}"))
                .as("each action's own properties, as the schema says").isNotEmpty();
        assertThat(check("forms", "h", """
                {"id": "h", "fields": [{"alias": "email"}], "actions": [{"type": "segment_add", "segment": "leads"},
                  {"type": "tags_add", "tags": ["lead"]}, {"type": "adjust_points", "points": 10}, {"type": "update_field", "field": "vip", "value": "1"},
                  {"type": "webhook", "url": "https://crm.example.com/in"},
                  {"type": "notify", "email": "notice", "to": ["sales@email-delivery-it-1.example"]}]}""")).isEmpty();
    }

    @Test
    void aLandingPageHasAnAliasOfItsOwnAndNamesOnlyWhatExists() {
        store("forms", "signup", "{\"id\": \"signup\", \"fields\": [{\"alias\": \"email\", \"type\": \"email\"}]}");
        store("pages", "spring", "{\"id\": \"spring\", \"title\": \"Spring\", \"alias\": \"spring-offer\", \"content\": \"<p>{form=signup}</p>\"}");
        assertThat(check("pages", "other", "{\"id\": \"other\", \"title\": \"Other\", \"alias\": \"spring-offer\","
                + " \"content\": \"<a href='{pagelink=spring}'>x</a>{form=nope}{pagelink=gone}\","
                + " \"publishUp\": \"2027-01-02T00:00:00Z\", \"publishDown\": \"2027-01-01T00:00:00+01:00\"}"))
                .extracting(Problem::toString).containsExactlyInAnyOrder(
                        "/alias: \"spring-offer\" is already the alias of page \"spring\"",
                        "/publishDown: must be after publishUp",
                        "/content: no form \"nope\" is defined", "/content: no page \"gone\" is defined");
        assertThat(check("pages", "spring", "{\"id\": \"spring\", \"title\": \"Spring\", \"alias\": \"spring-offer\", \"content\": \"{pagelink=spring}\"}"))
                .as("the page itself keeps its alias and may link to itself").isEmpty();
        assertThat(check("pages", "x", "{\"id\": \"x\", \"title\": \"X\", \"alias\": \"api\", \"content\": \"x\"}"))
                .extracting(Problem::pointer).containsExactly("/alias");
        assertThat(check("pages", "x", "{\"id\": \"x\", \"title\": \"X\", \"alias\": \"Spring Offer\", \"content\": \"x\", \"translationOf\": \"spring\"}"))
                .as("the alias's pattern, and a translation says its language").extracting(Problem::pointer).containsExactlyInAnyOrder("/alias", "");
        store("pages", "spring-fr", "{\"id\": \"spring-fr\", \"title\": \"Printemps\", \"alias\": \"offre-printemps\", \"content\": \"x\","
                + " \"language\": \"fr\", \"translationOf\": \"spring\"}");
        assertThat(check("pages", "x", "{\"id\": \"x\", \"title\": \"X\", \"alias\": \"x\", \"content\": \"x\", \"language\": \"fr-CA\", \"translationOf\": \"spring-fr\"}"))
                .extracting(Problem::toString).containsExactly("/translationOf: page \"spring-fr\" is itself a translation (of \"spring\"): name that one");
        assertThat(CHECKS.referrers("forms", "signup", catalog)).as("a form a page embeds cannot be deleted").containsExactly("pages/spring");
        assertThat(CHECKS.referrers("pages", "spring", catalog)).containsExactly("pages/spring-fr");
        store("pages", "spring-b", "{\"id\": \"spring-b\", \"title\": \"B\", \"alias\": \"spring-b\", \"content\": \"x\","
                + " \"variantOf\": \"spring\", \"weight\": 60}");
        assertThat(check("pages", "spring-c", "{\"id\": \"spring-c\", \"title\": \"C\", \"alias\": \"spring-c\", \"content\": \"x\","
                + " \"variantOf\": \"spring\", \"weight\": 40}")).extracting(Problem::toString)
                .containsExactly("/weight: the variants of \"spring\" would take 100% of its visitors; the original keeps at least 1%");
        assertThat(check("pages", "spring-c", "{\"id\": \"spring-c\", \"title\": \"C\", \"alias\": \"spring-c\", \"content\": \"x\","
                + " \"variantOf\": \"spring-b\", \"weight\": 10}")).extracting(Problem::pointer).containsExactly("/variantOf");
        assertThat(check("pages", "spring-c", "{\"id\": \"spring-c\", \"title\": \"C\", \"alias\": \"spring-c\", \"content\": \"x\","
                + " \"variantOf\": \"spring\"}")).as("a variant has a weight").extracting(Problem::pointer).containsExactly("");
    }

    @Test
    void schemasAreClosedForEveryKind() {
        assertThat(check("forms", "f", "{\"id\": \"f\", \"fields\": [{\"alias\": \"email\", \"type\": \"email\", \"colour\": \"red\"}], \"theme\": \"dark\"}"))
                .extracting(Problem::pointer).containsExactlyInAnyOrder("", "/fields/0");
        assertThat(check("assets", "a", "{\"id\": \"a\", \"url\": \"https://cdn.example/a.pdf\", \"size\": 3}")).extracting(Problem::pointer)
                .containsExactly("");
        assertThat(check("forms", "f", "{\"id\": \"f\", \"fields\": [{\"alias\": \"email\"}, {\"alias\": \"email\"}], \"honeypot\": \"email\"}"))
                .extracting(Problem::toString).containsExactly("/fields/1/alias: duplicate \"email\" (first at /fields/0)",
                        "/honeypot: \"email\" is a field of the form: people would fill it and be taken for bots");
    }

    @Test
    void fieldFiltersAreCheckedAgainstTheFieldsType() {
        store("fields", "plan", "{\"id\": \"plan\", \"label\": \"Plan\", \"type\": \"select\", \"options\": [{\"value\": \"free\"}, {\"value\": \"pro\"}]}");
        store("fields", "age", "{\"id\": \"age\", \"label\": \"Age\", \"type\": \"number\", \"publiclyUpdatable\": true}");
        List<Problem> problems = check("segments", "s", segment("s", "[{\"kind\": \"field\", \"field\": \"age\", \"operator\": \"like\", \"value\": \"3%\"},"
                + " {\"kind\": \"field\", \"field\": \"plan\", \"operator\": \"eq\", \"value\": \"gold\"},"
                + " {\"kind\": \"field\", \"field\": \"country\", \"operator\": \"eq\", \"value\": \"FR\"},"
                + " {\"kind\": \"field\", \"field\": \"shoe_size\", \"operator\": \"eq\", \"value\": \"42\"},"
                + " {\"kind\": \"field\", \"field\": \"age\", \"operator\": \"between\", \"value\": [18, \"x\"]}]"));
        assertThat(problems).extracting(Problem::pointer)
                .containsExactly("/filters/0/operator", "/filters/1/value", "/filters/2/value", "/filters/4/value/1", "/filters/3/field");
        assertThat(problems.get(0).reason()).isEqualTo("a number field (age) has no operator like; it has eq, neq, gt, gte, lt, lte, between, in, not_in, empty, not_empty");
        assertThat(problems.get(2).reason()).isEqualTo("country keeps \"FR\" as \"France\": compare with that");
        assertThat(problems.get(4).reason()).isEqualTo("no contact field \"shoe_size\" is defined");
        assertThat(check("segments", "ok", segment("ok", "[{\"kind\": \"field\", \"field\": \"age\", \"operator\": \"gte\", \"value\": 18},"
                + " {\"kind\": \"field\", \"field\": \"country\", \"operator\": \"in\", \"value\": [\"France\", \"Germany\"]}]"))).isEmpty();
    }

    @Test
    void aFieldCannotChangeTypeUnderTheFiltersThatReadIt() {
        store("fields", "age", "{\"id\": \"age\", \"label\": \"Age\", \"type\": \"number\"}");
        store("segments", "adults", segment("adults", "[{\"kind\": \"field\", \"field\": \"age\", \"operator\": \"gte\", \"value\": 18}]"));
        List<Problem> problems = check("fields", "age", "{\"id\": \"age\", \"label\": \"Age\", \"type\": \"text\"}");
        assertThat(problems).extracting(Problem::pointer).containsExactly("/type");
        assertThat(problems.get(0).reason()).startsWith("segments/adults /filters/0/operator: a text field (age) has no operator gte");
        assertThat(CHECKS.referrers("fields", "age", catalog)).containsExactly("segments/adults");
        assertThat(CHECKS.referrers("fields", "email", catalog)).as("a standard field comes back when its replacement is deleted").isEmpty();
    }

    @Test
    void fieldDefinitionsHaveOptionsExactlyWhenTheyChooseAndADefaultThatFits() {
        assertThat(check("fields", "plan", "{\"id\": \"plan\", \"label\": \"Plan\", \"type\": \"multiselect\"}"))
                .extracting(Problem::pointer).containsExactly("/options");
        assertThat(check("fields", "age", "{\"id\": \"age\", \"label\": \"Age\", \"type\": \"number\", \"options\": [{\"value\": \"1\"}]}"))
                .extracting(Problem::pointer).containsExactly("/options");
        assertThat(check("fields", "born", "{\"id\": \"born\", \"label\": \"Born\", \"type\": \"date\", \"default\": \"2001-02-29\"}"))
                .extracting(Problem::reason).containsExactly("not a value of this field: not a calendar date (YYYY-MM-DD)");
        assertThat(check("fields", "vip", "{\"id\": \"vip\", \"label\": \"VIP\", \"type\": \"boolean\", \"default\": \"yes\"}"))
                .extracting(Problem::reason).containsExactly("this field keeps \"yes\" as \"1\": write that");
        assertThat(check("fields", "phone", "{\"id\": \"phone\", \"label\": \"Phone\", \"type\": \"tel\", \"unique\": true}"))
                .extracting(Problem::reason).containsExactly("the unique identifiers are the engine's engine.identifier-fields (now: email):"
                        + " phone is not one; change that setting to change it");
        assertThat(new DefinitionChecks(java.util.Set.of("email", "phone")).check("fields", "phone",
                json("{\"id\": \"phone\", \"label\": \"Phone\", \"type\": \"tel\", \"unique\": true}"), catalog)).isEmpty();
        assertThat(check("fields", "utm_source", "{\"id\": \"utm_source\", \"label\": \"Source\", \"type\": \"text\"}"))
                .extracting(Problem::reason).containsExactly("\"utm_source\" is a tracker parameter, never a contact field");
        assertThat(check("fields", "fav", "{\"id\": \"fav\", \"label\": \"Fav\", \"type\": \"color\"}")).extracting(Problem::pointer).containsExactly("/type");
    }

    @Test
    void campaignConditionsAndFieldUpdatesAreCheckedToo() {
        store("fields", "vip", "{\"id\": \"vip\", \"label\": \"VIP\", \"type\": \"boolean\"}");
        store("forms", "f", "{\"id\": \"f\", \"fields\": [{\"alias\": \"email\"}]}");
        List<Problem> problems = check("campaigns", "c", """
                {"id": "c", "name": "C", "sources": {"forms": ["f"]}, "events": [
                  {"id": "c1", "type": "condition", "kind": "field", "field": "vip", "operator": "eq", "value": "yes"},
                  {"id": "a1", "type": "action", "kind": "update_field", "field": "vip", "value": "perhaps", "parent": "c1", "path": "yes"},
                  {"id": "a2", "type": "action", "kind": "update_field", "field": "vip", "value": "", "parent": "c1", "path": "no"}]}""");
        assertThat(problems).extracting(Problem::pointer).containsExactly("/events/0/value", "/events/1/value");
    }

    @Test
    void companyFieldFiltersReadCompanyFieldsWithTheOperatorsOfTheirType() {
        store("fields", "tier", "{\"id\": \"tier\", \"label\": \"Tier\", \"type\": \"select\", \"object\": \"company\","
                + " \"options\": [{\"value\": \"gold\"}, {\"value\": \"silver\"}]}");
        assertThat(check("segments", "ok", segment("ok", """
                [{"kind": "company_field", "field": "companyindustry", "operator": "eq", "value": "Software"},
                 {"kind": "company_field", "field": "companynumber_of_employees", "operator": "between", "value": [10, 50]},
                 {"kind": "company_field", "field": "companycountry", "operator": "in", "value": ["France", "Germany"]},
                 {"kind": "company_field", "field": "companydomain", "operator": "ends_with", "value": ".example"},
                 {"kind": "company_field", "field": "companyname", "operator": "regexp", "value": "^Acme( |$)"},
                 {"kind": "company_field", "field": "tier", "operator": "neq", "value": "gold"},
                 {"glue": "or", "kind": "company_field", "field": "companyannual_revenue", "operator": "gte", "value": 100},
                 {"kind": "group", "filters": [{"kind": "company_field", "field": "companyannual_revenue", "operator": "not_empty"}]},
                 {"kind": "field", "field": "company", "operator": "not_empty"}]"""))).as("company is the contact's own text field").isEmpty();
        List<Problem> problems = check("segments", "s", segment("s", """
                [{"kind": "company_field", "field": "shoe_size", "operator": "eq", "value": "42"},
                 {"kind": "company_field", "field": "email", "operator": "not_empty"},
                 {"kind": "field", "field": "companyindustry", "operator": "eq", "value": "Software"},
                 {"kind": "company_field", "field": "companyannual_revenue", "operator": "like", "value": "1%"},
                 {"kind": "company_field", "field": "tier", "operator": "in", "value": ["platinum"]},
                 {"kind": "company_field", "field": "companycountry", "operator": "eq", "value": "FR"},
                 {"kind": "group", "filters": [{"kind": "company_field", "field": "companyname", "operator": "regexp", "value": "([a-z"}]},
                 {"kind": "company_field", "field": "score", "operator": "gte", "value": 100}]"""));
        assertThat(problems).extracting(Problem::toString).containsExactlyInAnyOrder(
                "/filters/0/field: no company field \"shoe_size\" is defined",
                "/filters/1/field: email is a contact field: a company_field filter reads the contact's companies: filter on a contact field with kind field",
                "/filters/2/field: companyindustry is a company field: a field filter reads the contact's own fields: filter on a company field with kind company_field",
                "/filters/3/operator: a number field (companyannual_revenue) has no operator like; it has eq, neq, gt, gte, lt, lte, between, in, not_in, empty, not_empty",
                "/filters/4/value/0: \"platinum\" can never be the value of tier: not one of the options [gold, silver]",
                "/filters/5/value: companycountry keeps \"FR\" as \"France\": compare with that",
                "/filters/6/filters/0/value: not a regular expression: missing closing ]",
                "/filters/7/field: no company field \"score\" is defined");
    }

    @Test
    void aCompanyFieldNamedByAFilterCannotGoNorBecomeAContactFieldNorChangeToATypeTheFilterCannotRead() {
        store("fields", "tier", "{\"id\": \"tier\", \"label\": \"Tier\", \"type\": \"text\", \"object\": \"company\"}");
        store("segments", "big", segment("big", "[{\"kind\": \"company_field\", \"field\": \"tier\", \"operator\": \"like\", \"value\": \"gold%\"},"
                + " {\"kind\": \"company_field\", \"field\": \"companyannual_revenue\", \"operator\": \"gt\", \"value\": 10}]"));
        assertThat(CHECKS.referrers("fields", "tier", catalog)).containsExactly("segments/big");
        assertThat(DefinitionChecks.named("segments", stored.get("segments").get("big"))).containsExactly("fields/tier", "fields/companyannual_revenue");
        List<Problem> contact = check("fields", "tier", "{\"id\": \"tier\", \"label\": \"Tier\", \"type\": \"text\"}");
        assertThat(contact).extracting(Problem::toString).containsExactly("/object: segments/big /filters/0/field: tier is a contact field:"
                + " a company_field filter reads the contact's companies: filter on a contact field with kind field");
        assertThat(check("fields", "tier", "{\"id\": \"tier\", \"label\": \"Tier\", \"type\": \"number\", \"object\": \"company\"}"))
                .extracting(Problem::toString).containsExactly("/type: segments/big /filters/0/operator: a number field (tier) has no operator like;"
                        + " it has eq, neq, gt, gte, lt, lte, between, in, not_in, empty, not_empty");
        store("segments", "software", segment("software", "[{\"kind\": \"company_field\", \"field\": \"companyindustry\", \"operator\": \"eq\", \"value\": \"Software\"}]"));
        store("fields", "companyindustry", "{\"id\": \"companyindustry\", \"label\": \"Industry\", \"type\": \"textarea\", \"object\": \"company\"}");
        assertThat(CHECKS.referrers("fields", "companyindustry", catalog)).as("deleting a replaced standard field brings the standard one back").isEmpty();
        store("fields", "employees", "{\"id\": \"employees\", \"label\": \"Employees\", \"type\": \"number\"}");
        store("segments", "staff", segment("staff", "[{\"kind\": \"field\", \"field\": \"employees\", \"operator\": \"gt\", \"value\": 5}]"));
        assertThat(check("fields", "employees", "{\"id\": \"employees\", \"label\": \"Employees\", \"type\": \"number\", \"object\": \"company\"}"))
                .as("a contact field a filter reads cannot become a company field").extracting(Problem::pointer).containsExactly("/object");
    }

    @Test
    void companyFieldDefinitionsAreSetByTheCompanyApiOnlyAndKeepTheirObjectWhenStandard() {
        assertThat(check("fields", "tier", "{\"id\": \"tier\", \"label\": \"Tier\", \"type\": \"select\", \"object\": \"company\","
                + " \"options\": [{\"value\": \"gold\"}], \"default\": \"gold\", \"publiclyUpdatable\": false, \"unique\": false}")).isEmpty();
        assertThat(check("fields", "companyname", "{\"id\": \"companyname\", \"label\": \"Name\", \"type\": \"textarea\", \"object\": \"company\"}"))
                .as("a standard company field replaced").isEmpty();
        assertThat(check("fields", "tier", "{\"id\": \"tier\", \"label\": \"Tier\", \"type\": \"text\", \"object\": \"company\", \"publiclyUpdatable\": true,"
                + " \"unique\": true}")).extracting(Problem::toString).containsExactly(
                "/publiclyUpdatable: hits and forms set contact fields only: a company field is set through the company API",
                "/unique: a company field identifies no contact: only contact fields can be unique identifiers");
        assertThat(check("fields", "score", "{\"id\": \"score\", \"label\": \"Score\", \"type\": \"number\", \"object\": \"company\"}"))
                .as("a company field may be called score").isEmpty();
        assertThat(check("fields", "score", "{\"id\": \"score\", \"label\": \"Score\", \"type\": \"number\"}")).as("a contact field may be called score").isEmpty();
        assertThat(check("fields", "companyname", "{\"id\": \"companyname\", \"label\": \"Name\", \"type\": \"text\"}"))
                .extracting(Problem::toString).containsExactly("/object: \"companyname\" is a standard company field: defining it again may change its type, not its object");
        assertThat(check("fields", "city", "{\"id\": \"city\", \"label\": \"City\", \"type\": \"text\", \"object\": \"company\"}"))
                .extracting(Problem::toString).containsExactly("/object: \"city\" is a standard contact field: defining it again may change its type, not its object");
        assertThat(new DefinitionChecks(java.util.Set.of("email", "customer_no")).check("fields", "customer_no",
                json("{\"id\": \"customer_no\", \"label\": \"Customer\", \"type\": \"text\", \"object\": \"company\"}"), catalog))
                .extracting(Problem::toString).containsExactly("/object: \"customer_no\" is a unique identifier of contacts (engine.identifier-fields): it stays a contact field");
        assertThat(check("fields", "companycountry", "{\"id\": \"companycountry\", \"label\": \"Country\", \"type\": \"country\", \"object\": \"company\","
                + " \"default\": \"FR\"}")).extracting(Problem::toString).containsExactly("/default: this field keeps \"FR\" as \"France\": write that");
        assertThat(check("fields", "tier", "{\"id\": \"tier\", \"label\": \"Tier\", \"type\": \"text\", \"object\": \"account\"}"))
                .extracting(Problem::pointer).containsExactly("/object");
    }

    @Test
    void campaignsAddContactsToCompaniesChangeTheirScoresAndTestTheirFieldsButSetOnlyContactFields() {
        store("segments", "s", segment("s", "[]"));
        assertThat(check("campaigns", "c", """
                {"id": "c", "name": "C", "sources": {"segments": ["s"]}, "events": [
                  {"id": "join", "type": "action", "kind": "add_to_company", "company": "acme"},
                  {"id": "more", "parent": "join", "type": "action", "kind": "change_company_score", "points": -5,
                   "timing": {"mode": "interval", "amount": 1, "unit": "days"}},
                  {"id": "soft", "parent": "more", "type": "condition", "kind": "company_field", "field": "companyindustry", "operator": "eq", "value": "Software"},
                  {"id": "high", "parent": "soft", "path": "yes", "type": "condition", "kind": "company_field", "field": "companynumber_of_employees", "operator": "gte", "value": 50}]}"""))
                .as("a company is a record: not looked up").isEmpty();
        List<Problem> problems = check("campaigns", "c", """
                {"id": "c", "name": "C", "sources": {"segments": ["s"]}, "events": [
                  {"id": "join", "type": "action", "kind": "add_to_company"},
                  {"id": "zero", "type": "action", "kind": "change_company_score", "points": 0},
                  {"id": "big", "type": "condition", "kind": "field", "field": "companynumber_of_employees", "operator": "gt", "value": 10},
                  {"id": "set", "type": "action", "kind": "update_field", "field": "companyname", "value": "Acme"},
                  {"id": "add", "type": "action", "kind": "add_to_company", "company": "acme", "points": 5}]}""");
        assertThat(problems).extracting(Problem::pointer).contains("/events/0", "/events/1/points", "/events/4");
        problems = check("campaigns", "c", """
                {"id": "c", "name": "C", "sources": {"segments": ["s"]}, "events": [
                  {"id": "big", "type": "condition", "kind": "field", "field": "companynumber_of_employees", "operator": "gt", "value": 10},
                  {"id": "set", "type": "action", "kind": "update_field", "field": "companyname", "value": "Acme"},
                  {"id": "mail", "type": "condition", "kind": "company_field", "field": "email", "operator": "not_empty"},
                  {"id": "size", "type": "condition", "kind": "company_field", "field": "companysize", "operator": "gt", "value": 10},
                  {"id": "tiny", "type": "condition", "kind": "company_field", "field": "companynumber_of_employees", "operator": "like", "value": "1%"}]}""");
        assertThat(problems).extracting(Problem::toString).containsExactlyInAnyOrder(
                "/events/0/field: companynumber_of_employees is a company field: a field condition reads the contact's own fields:"
                        + " test a company field with kind company_field",
                "/events/1/field: companyname is a company field: update_field sets a field of the contact; a company's fields are set through the company API",
                "/events/2/field: email is a contact field: a company_field condition reads the contact's companies: test a contact field with kind field",
                "/events/3/field: no company field \"companysize\" is defined",
                "/events/4/operator: a number field (companynumber_of_employees) has no operator like; it has eq, neq, gt, gte, lt, lte, between, in, not_in, empty, not_empty");
        assertThat(check("forms", "f", "{\"id\": \"f\", \"fields\": [{\"alias\": \"email\"}], \"actions\": [{\"type\": \"update_field\", \"field\": \"companyindustry\","
                + " \"value\": \"Software\"}]}")).extracting(Problem::pointer).containsExactly("/actions/0/field");
    }

    @Test
    void aPointTriggerMayChangeTheScoreOfTheContactsCompanies() {
        String trigger = "{\"id\": \"t\", \"name\": \"T\", \"threshold\": 100, \"actions\": [{\"type\": \"change_company_score\", \"points\": %s}]}";
        assertThat(check("point-triggers", "t", trigger.formatted("10"))).isEmpty();
        assertThat(check("point-triggers", "t", trigger.formatted("-3"))).isEmpty();
        assertThat(check("point-triggers", "t", trigger.formatted("0"))).extracting(Problem::pointer).contains("/actions/0/points");
        assertThat(check("point-triggers", "t", "{\"id\": \"t\", \"name\": \"T\", \"threshold\": 100, \"actions\": [{\"type\": \"change_company_score\"}]}"))
                .extracting(Problem::pointer).contains("/actions/0");
    }

    @Test
    void theStandardCompanyFieldsAreCompanyFieldsThatVisitorsCannotSetWithLabelsOfTheirOwn() {
        List<String> company = StandardFields.all().values().stream().map(FieldDefinition::of).filter(FieldDefinition::company)
                .map(FieldDefinition::alias).toList();
        assertThat(company).containsExactly("companyname", "companydomain", "companyemail", "companyaddress1", "companyaddress2", "companycity",
                "companystate", "companyzipcode", "companycountry", "companyphone", "companyfax", "companywebsite", "companyindustry",
                "companynumber_of_employees", "companyannual_revenue", "companydescription");
        FieldDefinition employees = FieldDefinition.of(StandardFields.all().get("companynumber_of_employees"));
        assertThat(employees.type()).isEqualTo(FieldType.NUMBER);
        assertThat(employees.label()).isEqualTo("Number of employees");
        assertThat(employees.object()).isEqualTo("company");
        assertThat(FieldDefinition.of(StandardFields.all().get("companyname")).label()).isEqualTo("Company name");
        assertThat(FieldDefinition.of(StandardFields.all().get("companycountry")).type()).isEqualTo(FieldType.COUNTRY);
        assertThat(company).allSatisfy(alias -> assertThat(FieldDefinition.of(StandardFields.all().get(alias)).publiclyUpdatable()).isFalse());
        FieldDefinition email = FieldDefinition.of(StandardFields.all().get("email"));
        assertThat(email.company()).isFalse();
        assertThat(email.object()).isEqualTo("contact");
        assertThat(FieldDefinition.isCompany(json("{\"id\": \"x\", \"object\": \"contact\"}"))).isFalse();
        assertThat(StandardFields.all().values().stream().map(d -> d.path("label").asText().toLowerCase(java.util.Locale.ROOT)))
                .as("imports map columns by label too").doesNotHaveDuplicates();
        StandardFields.all().forEach((id, doc) -> assertThat(CHECKS.check("fields", id, doc, catalog)).as(id).isEmpty());
    }
}
