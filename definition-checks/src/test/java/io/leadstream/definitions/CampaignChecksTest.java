package io.leadstream.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tree checks a JSON Schema cannot make: each rule broken once, in an otherwise valid campaign. */
class CampaignChecksTest {

    /** The schema's problems, else the tree's, as "pointer: reason". */
    private static List<String> validate(String json) {
        List<Problem> problems = new ArrayList<>(DefinitionSchemas.forKind("campaigns").check(DefinitionChecksTest.json(json)));
        if (problems.isEmpty()) {
            problems.addAll(CampaignChecks.check(DefinitionChecksTest.json(json)));
        }
        return problems.stream().map(Problem::toString).toList();
    }

    /** The worked example of docs/campaigns.md. */
    static final String SALES_NURTURE = """
            {"id": "sales-nurture", "name": "Sales page nurture", "timezone": "Europe/Paris",
             "sources": {"segments": ["list"]},
             "goals": [{"kind": "page_visited", "url": "https://shop.example/thank-you*"}],
             "events": [
              {"id": "mass", "type": "action", "kind": "send_email", "email": "mass"},
              {"id": "visited-sales", "parent": "mass", "type": "decision", "kind": "page_visited",
               "url": "https://shop.example/sales*", "timeout": {"amount": 30, "unit": "days"}},
              {"id": "bought", "parent": "visited-sales", "path": "yes", "type": "decision", "kind": "page_visited",
               "url": "https://shop.example/thank-you*", "timeout": {"amount": 1, "unit": "days"}},
              {"id": "gain", "parent": "bought", "path": "no", "type": "action", "kind": "send_email", "email": "gain",
               "window": {"from": "08:00", "to": "12:00"}},
              {"id": "logic", "parent": "gain", "type": "action", "kind": "send_email", "email": "logic",
               "timing": {"mode": "interval", "amount": 1, "unit": "days"}, "window": {"from": "08:00", "to": "12:00"}},
              {"id": "fear", "parent": "logic", "type": "action", "kind": "send_email", "email": "fear",
               "timing": {"mode": "interval", "amount": 1, "unit": "days"}, "window": {"from": "08:00", "to": "12:00"}}
             ]}""";

    /** A campaign whose events are the given JSON objects. */
    private static List<String> problems(String events) {
        return validate(("""
                {"id": "c", "name": "C", "sources": {"forms": ["contact-us"]}, "events": [%s]}""".formatted(events)));
    }

    @Test
    void theSalesNurtureScenarioIsValid() {
        assertThat(validate((SALES_NURTURE))).isEmpty();
    }

    @Test
    void aTreeWithBranchesAndAJumpBackIsValid() {
        assertThat(problems("""
                {"id": "check", "type": "condition", "kind": "valid_email"},
                {"id": "send", "parent": "check", "path": "yes", "type": "action", "kind": "send_email", "email": "e"},
                {"id": "opened", "parent": "send", "type": "decision", "kind": "email_opened", "email": "e", "timeout": {"amount": 2, "unit": "days"}},
                {"id": "again", "parent": "opened", "path": "no", "type": "action", "kind": "jump", "to": "send"},
                {"id": "drop", "parent": "check", "path": "no", "type": "action", "kind": "dnc_add"}""")).isEmpty();
    }

    @Test
    void eventIdsAreUnique() {
        assertThat(problems("""
                {"id": "a", "type": "action", "kind": "dnc_add"},
                {"id": "a", "type": "action", "kind": "dnc_remove"}"""))
                .containsExactly("/events/1/id: duplicate id \"a\" (first at /events/0)");
    }

    @Test
    void aParentIsAnEventOfThisCampaign() {
        assertThat(problems("""
                {"id": "a", "type": "action", "kind": "dnc_add"},
                {"id": "b", "parent": "x", "type": "action", "kind": "dnc_remove"}"""))
                .containsExactly("/events/1/parent: no event \"x\" in this campaign");
    }

    @Test
    void aPathIsRequiredUnderAConditionOrDecision() {
        assertThat(problems("""
                {"id": "a", "type": "condition", "kind": "dnc"},
                {"id": "b", "parent": "a", "type": "action", "kind": "dnc_remove"}"""))
                .containsExactly("/events/1/path: yes or no is required under the condition \"a\"");
        assertThat(problems("""
                {"id": "a", "type": "decision", "kind": "form_submitted"},
                {"id": "b", "parent": "a", "type": "action", "kind": "dnc_remove"}"""))
                .containsExactly("/events/1/path: yes or no is required under the decision \"a\"");
    }

    @Test
    void aPathIsNotAllowedUnderAnAction() {
        assertThat(problems("""
                {"id": "a", "type": "action", "kind": "dnc_add"},
                {"id": "b", "parent": "a", "path": "yes", "type": "action", "kind": "dnc_remove"}"""))
                .containsExactly("/events/1/path: not allowed under the action \"a\"");
    }

    @Test
    void aJumpGoesToAnotherExistingEvent() {
        assertThat(problems("""
                {"id": "a", "type": "action", "kind": "jump", "to": "nowhere"}"""))
                .containsExactly("/events/0/to: no event \"nowhere\" in this campaign");
        assertThat(problems("""
                {"id": "a", "type": "action", "kind": "jump", "to": "a"}"""))
                .containsExactly("/events/0/to: a jump cannot target itself");
    }

    @Test
    void whatTheEngineCouldNotRunIsRefused() {
        assertThat(problems("""
                {"id": "a", "type": "action", "kind": "dnc_add", "window": {"from": "12:00", "to": "08:00"}},
                {"id": "w", "type": "decision", "kind": "form_submitted"},
                {"id": "b", "parent": "w", "path": "no", "type": "action", "kind": "dnc_remove"}"""))
                .containsExactly("/events/2/path: the decision \"w\" has no timeout, so its no path never runs",
                        "/events/0/window: from must be before to (the window is within one day)");
        assertThat(validate((SALES_NURTURE.replace("Europe/Paris", "Europe/Pariss"))))
                .containsExactly("/timezone: not a time zone this engine knows (an IANA name such as Europe/Paris)");
    }

    @Test
    void parentLinksHaveNoCycleAndEachCycleIsReportedOnce() {
        assertThat(problems("""
                {"id": "root", "type": "action", "kind": "dnc_add"},
                {"id": "a", "parent": "c", "type": "action", "kind": "dnc_add"},
                {"id": "b", "parent": "a", "type": "action", "kind": "dnc_add"},
                {"id": "c", "parent": "b", "type": "action", "kind": "dnc_add"},
                {"id": "d", "parent": "c", "type": "action", "kind": "dnc_add"}"""))
                .containsExactly("/events/1/parent: cycle of parents a -> c -> b -> a");
        assertThat(problems("""
                {"id": "self", "parent": "self", "type": "action", "kind": "dnc_add"}"""))
                .containsExactly("/events/0/parent: cycle of parents self -> self");
    }

    @Test
    void treeChecksRunOnlyOnASchemaValidDocument() {
        // The duplicate id is not reported: the schema's problems come first and alone.
        assertThat(problems("""
                {"id": "a", "type": "action", "kind": "dnc_add"},
                {"id": "a", "type": "action", "kind": "dnc_remove", "colour": "red"}"""))
                .singleElement().asString().startsWith("/events/1:").contains("colour");
    }
}
