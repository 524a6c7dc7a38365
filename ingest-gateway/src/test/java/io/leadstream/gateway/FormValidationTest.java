package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormValidationTest {
    private static final JsonObject FORM = new JsonObject("""
            {"honeypot": "website", "fields": [
              {"alias": "email", "type": "email", "required": true},
              {"alias": "age", "type": "number"},
              {"alias": "name", "maxLength": 5}]}""");

    @Test
    void everyProblemIsListedAndUnknownFieldsAreDropped() {
        FormValidation.Result bad = FormValidation.check(FORM, Map.of("email", "nope", "age", "x1", "name", "toolong"));
        assertThat(bad.problems()).containsExactlyInAnyOrder("email: not a valid email address", "age: not a number",
                "name: longer than 5 characters");
        assertThat(FormValidation.check(FORM, Map.of()).problems()).containsExactly("email: required");

        FormValidation.Result ok = FormValidation.check(FORM, Map.of("email", "a@b.example", "age", "42", "extra", "x"));
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.values()).containsOnlyKeys("email", "age");
        assertThat(FormValidation.check(FORM, Map.of("email", "a@b.example", "website", "http://spam")).spam()).isTrue();
    }

    @Test
    void aSelectTakesOnlyItsOptionsAndEachValueSetsTheContactFieldItIsMappedTo() {
        JsonObject form = new JsonObject("""
                {"id": "demo", "fields": [{"alias": "plan", "type": "select", "options": [{"value": "starter"}, {"value": "pro", "label": "Pro"}]},
                  {"alias": "org", "contactField": "company"}, {"alias": "note", "contactField": null}, {"alias": "email", "type": "email"}]}""");
        assertThat(FormValidation.check(form, Map.of("plan", "Pro")).errors()).containsEntry("plan", "not one of the options");
        FormValidation.Result ok = FormValidation.check(form, Map.of("plan", "pro", "org", "Acme", "note", "call me", "email", "a@b.example"));
        assertThat(ok.errors()).isEmpty();
        assertThat(FormValidation.contactFields(form, ok.values()))
                .as("org sets company, note sets nothing, the others their own alias")
                .isEqualTo(Map.of("plan", "pro", "company", "Acme", "email", "a@b.example"));
        assertThat(FormValidation.contactFields(null, Map.of("city", "Paris", "blank", ""))).isEqualTo(Map.of("city", "Paris"));
    }

    @Test
    void mauticsChoiceDateAndCountryTypesAreCheckedAndShownOnlyBlocksTakeNoValue() {
        JsonObject form = new JsonObject("""
                {"id": "t", "fields": [
                  {"alias": "topics", "type": "checkboxgrp", "required": true, "options": [{"value": "news"}, {"value": "deals"}, {"value": "events"}]},
                  {"alias": "size", "type": "radiogrp", "options": [{"value": "s"}, {"value": "m"}]},
                  {"alias": "langs", "type": "multiselect", "options": [{"value": "en"}, {"value": "fr"}]},
                  {"alias": "country", "type": "country"},
                  {"alias": "call_at", "type": "datetime"},
                  {"alias": "born", "type": "date"},
                  {"alias": "intro", "type": "freetext", "content": "Tell us"}]}""");
        FormValidation.Result bad = FormValidation.check(form, Map.of("topics", "news|spam", "size", "xl", "langs", "de", "country", "Atlantis",
                "call_at", "tomorrow", "born", "2001-02-30", "intro", "posted anyway"));
        assertThat(bad.problems()).containsExactlyInAnyOrder("topics: not among the options", "size: not one of the options",
                "langs: not among the options", "country: not a country", "call_at: not a date and time (YYYY-MM-DDTHH:MM)",
                "born: not a date (YYYY-MM-DD)");
        assertThat(FormValidation.check(form, Map.of()).problems()).as("a checkbox group can be required").containsExactly("topics: required");

        FormValidation.Result ok = FormValidation.check(form, Map.of("topics", "news|events", "size", "m", "langs", "en|fr", "country", "fr",
                "call_at", "2026-12-07T09:30", "born", "2001-02-28", "intro", "posted anyway"));
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.values()).as("a country by its English name, as a country field keeps it; no value for a text block")
                .containsEntry("country", "France").containsEntry("topics", "news|events").doesNotContainKey("intro");
    }

    @Test
    void aCaptchaIsAlwaysAskedCheckedWithoutCaseAndNeverKept() {
        JsonObject form = new JsonObject("""
                {"id": "c", "progressiveLimit": 1, "fields": [{"alias": "email", "type": "email"}, {"alias": "city"},
                  {"alias": "human", "type": "captcha", "label": "Which colour is the sky?", "answer": "Blue"}]}""");
        assertThat(FormValidation.check(form, Map.of("email", "a@b.example")).problems()).containsExactly("human: required");
        assertThat(FormValidation.check(form, Map.of("email", "a@b.example", "human", "green")).problems())
                .containsExactly("human: not the right answer");
        FormValidation.Result ok = FormValidation.check(form, Map.of("email", "a@b.example", "human", " blue "));
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.values()).as("an answer is nobody's field").containsOnlyKeys("email");
        assertThat(ProgressiveProfiling.shown(form, Map.of("firstname", "Ada"))).extracting(f -> f.getString("alias"))
                .as("a known contact sees one field, and the question still").containsExactly("email", "human");
        assertThat(ProgressiveProfiling.shown(form, Map.of("human", "x", "firstname", "Ada"))).extracting(f -> f.getString("alias"))
                .as("not hidden by a contact field of the same name").contains("human");
    }

    @Test
    void onlyLocalPathsAreRedirectTargets() {
        assertThat(FormSubmitHandler.isLocalPath("/thanks?x=1")).isTrue();
        assertThat(FormSubmitHandler.isLocalPath("//evil.example/")).isFalse();
        assertThat(FormSubmitHandler.isLocalPath("/\\evil.example")).isFalse();
        assertThat(FormSubmitHandler.isLocalPath("https://evil.example/")).isFalse();
        assertThat(FormSubmitHandler.isLocalPath("/a\r\nLocation: x")).isFalse();
    }
}
