package io.leadstream.gateway.preferences;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.common.email.EmailPreferenceFields.Period;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The preference page as a browser gets it: the public segments ticked as the contact is in them, its choices filled in, all escaped. */
class PreferencePageTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-12-06");

    @Test
    void showsPublicSegmentsWithMembershipAndTheContactsChoices() {
        Map<String, JsonObject> segments = new TreeMap<>(Map.of(
                "news", new JsonObject().put("name", "Newsletter").put("public", true).put("description", "Once a month"),
                "offers", new JsonObject().put("name", "Offers <b>hot</b>").put("public", true),
                "vip", new JsonObject().put("name", "VIP (internal)"),
                "old", new JsonObject().put("name", "Old list").put("public", true).put("enabled", false)));
        List<PublicSegment> shown = PublicSegment.of(segments);
        assertThat(shown).extracting(PublicSegment::id).containsExactly("news", "offers");

        Document page = Jsoup.parse(PreferencePage.render(new PreferencePage.View("/email/preferences/TOKEN", "/email/unsubscribe/TOKEN",
                "ada@shop.example", shown, Set.of("news", "vip"), new EmailPreferences(2, Period.MONTH, LocalDate.parse("2026-12-24")),
                false, "Your preferences are saved.", TODAY)));

        assertThat(page.select("form#preferences").attr("method")).isEqualTo("post");
        assertThat(page.select("form#preferences").attr("action")).isEqualTo("/email/preferences/TOKEN");
        assertThat(page.select("input[name=shown]").eachAttr("value")).containsExactly("news", "offers");
        assertThat(page.select("input[name=segment]").eachAttr("value")).containsExactly("news", "offers");
        assertThat(page.select("input[name=segment][checked]").eachAttr("value")).containsExactly("news");
        assertThat(page.text()).contains("Offers <b>hot</b>").contains("Once a month").contains("ada@shop.example")
                .contains("Your preferences are saved.").doesNotContain("VIP");
        assertThat(page.select("b")).as("a segment's name is text, not markup").isEmpty();
        assertThat(page.select("input[name=frequency_max]").val()).isEqualTo("2");
        assertThat(page.select("select[name=frequency_period] option[selected]").val()).isEqualTo("month");
        assertThat(page.select("input[name=paused_until]").val()).isEqualTo("2026-12-24");
        assertThat(page.select("input[name=paused_until]").attr("min")).isEqualTo("2026-12-07");
        assertThat(page.select("input[name=pause_days]")).hasSize(1);
        assertThat(page.select("form#unsubscribe").attr("action")).as("unsubscribe from everything: the one-click URL")
                .isEqualTo("/email/unsubscribe/TOKEN");
        assertThat(page.select("form#unsubscribe button").text()).isEqualTo("Unsubscribe from everything");
        assertThat(page.select("script")).isEmpty();
    }

    @Test
    void withoutChoicesTheFieldsAreEmptyAndADoNotContactContactIsTold() {
        Document page = Jsoup.parse(PreferencePage.render(new PreferencePage.View("/s", "/u", null, List.of(), Set.of(), EmailPreferences.NONE,
                true, null, TODAY)));
        assertThat(page.select("input[name=frequency_max]").val()).isEmpty();
        assertThat(page.select("select[name=frequency_period] option[selected]").val()).isEqualTo("week");
        assertThat(page.select("input[name=paused_until]").val()).isEmpty();
        assertThat(page.select("input[name=segment]")).isEmpty();
        assertThat(page.text()).contains("You are unsubscribed");
    }

    @Test
    void aRefusalIsAPageWithItsReasonEscaped() {
        Document page = Jsoup.parse(PreferencePage.refusal("Not saved", "Bad <value>."));
        assertThat(page.select("h1").text()).isEqualTo("Not saved");
        assertThat(page.select("p").text()).isEqualTo("Bad <value>.");
    }
}
