package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressiveProfilingTest {
    private static final JsonObject FORM = new JsonObject("""
            {"id": "more", "progressiveLimit": 2, "fields": [
              {"alias": "email", "type": "email", "required": true, "showWhenValueExists": false},
              {"alias": "intro", "type": "freetext", "content": "Tell us more"},
              {"alias": "org", "contactField": "company", "required": true, "showWhenValueExists": false},
              {"alias": "city", "autofill": true},
              {"alias": "phone", "required": true},
              {"alias": "source", "type": "hidden"}]}""");

    @Test
    void aStrangerSeesEveryFieldAndAKnownContactOnlyWhatItLacksUpToTheLimit() {
        assertThat(ProgressiveProfiling.personal(FORM)).isTrue();
        assertThat(ProgressiveProfiling.personal(new JsonObject("{\"fields\": [{\"alias\": \"email\"}]}"))).isFalse();
        assertThat(ProgressiveProfiling.shown(FORM, Map.of())).extracting(f -> f.getString("alias"))
                .containsExactly("email", "intro", "org", "city", "phone", "source");
        Map<String, String> known = Map.of("email", "ada@x.example", "company", "Acme", "city", "Paris");
        assertThat(ProgressiveProfiling.shown(FORM, known)).extracting(f -> f.getString("alias"))
                .as("email and org (company) known; then two fields taking a value; texts and hidden fields always")
                .containsExactly("intro", "city", "phone", "source");
        assertThat(ProgressiveProfiling.shown(FORM, Map.of("email", "ada@x.example"))).extracting(f -> f.getString("alias"))
                .as("the limit counts what is shown").containsExactly("intro", "org", "city", "source");
        assertThat(ProgressiveProfiling.value(FORM.getJsonArray("fields").getJsonObject(2), known)).isEqualTo("Acme");
    }

    @Test
    void aFieldTheContactWasNotShownIsNotRequiredButItsValueIsStillTaken() {
        JsonObject asked = ProgressiveProfiling.asAsked(FORM, Map.of("email", "ada@x.example"));
        FormValidation.Result result = FormValidation.check(asked, Map.of("org", "Acme", "email", "new@x.example"));
        assertThat(result.problems()).isEmpty();
        assertThat(result.values()).containsEntry("email", "new@x.example");
        assertThat(FormValidation.check(ProgressiveProfiling.asAsked(FORM, Map.of()), Map.of()).problems())
                .containsExactlyInAnyOrder("email: required", "org: required", "phone: required");
    }
}
