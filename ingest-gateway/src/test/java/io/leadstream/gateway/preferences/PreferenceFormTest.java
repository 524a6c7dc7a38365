package io.leadstream.gateway.preferences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadstream.common.email.EmailPreferenceFields.Period;
import io.vertx.core.MultiMap;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a posted preference page asks for, and what it may not. */
class PreferenceFormTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-12-06");

    @Test
    void onlyShownPublicSegmentsAreJoinedOrLeft() throws Exception {
        PreferenceForm form = PreferenceForm.read(form("shown", "a", "shown", "b", "shown", "c", "segment", "b", "segment", "secret"), TODAY);
        // a: shown, unticked, in → leave; b: ticked, not in → join; c: unticked, not in → nothing; d: public now, not shown → untouched;
        // secret: ticked but not public → untouched.
        PreferenceForm.Changes changes = form.changes(List.of("a", "b", "c", "d"), Set.of("a", "d", "secret-member"));
        assertThat(changes.join()).containsExactly("b");
        assertThat(changes.leave()).containsExactly("a");
    }

    @Test
    void aFrequencyIsAWholeNumberPerDayWeekOrMonth() throws Exception {
        assertThat(PreferenceForm.read(form("frequency_max", "1", "frequency_period", "week"), TODAY).preferences())
                .isEqualTo(new EmailPreferences(1, Period.WEEK, null));
        assertThat(PreferenceForm.read(form("frequency_max", "3"), TODAY).preferences().period()).isEqualTo(Period.WEEK);
        assertThat(PreferenceForm.read(form("frequency_max", "", "frequency_period", "month"), TODAY).preferences()).isEqualTo(EmailPreferences.NONE);
        for (String bad : new String[] {"0", "-2", "1.5", "101", "lots"}) {
            assertThatThrownBy(() -> PreferenceForm.read(form("frequency_max", bad), TODAY)).as(bad)
                    .isInstanceOf(PreferenceForm.Refused.class).hasMessageContaining("whole number from 1 to 100");
        }
        assertThatThrownBy(() -> PreferenceForm.read(form("frequency_max", "2", "frequency_period", "year"), TODAY))
                .hasMessage("How often must be per day, per week or per month.");
    }

    @Test
    void aPauseIsADateOrSomeDaysFromToday() throws Exception {
        assertThat(PreferenceForm.read(form("paused_until", "2027-01-10"), TODAY).preferences().pausedUntil()).isEqualTo(LocalDate.parse("2027-01-10"));
        assertThat(PreferenceForm.read(form("pause_days", "14", "paused_until", "2027-01-10"), TODAY).preferences().pausedUntil())
                .as("days win over a date").isEqualTo(LocalDate.parse("2026-12-20"));
        assertThat(PreferenceForm.read(form("paused_until", "2026-12-06"), TODAY).preferences().pausedUntil()).as("today pauses nothing").isNull();
        assertThatThrownBy(() -> PreferenceForm.read(form("paused_until", "next week"), TODAY)).hasMessageContaining("must be a date");
        assertThatThrownBy(() -> PreferenceForm.read(form("pause_days", "0"), TODAY)).hasMessageContaining("from 1 to 3650 days");
        assertThatThrownBy(() -> PreferenceForm.read(form("paused_until", "2040-01-01"), TODAY)).hasMessageContaining("within 3650 days");
    }

    @Test
    void onlyWhatChangedIsWrittenAndAChoiceTakenBackIsWrittenAsNoLimit() {
        EmailPreferences before = EmailPreferences.of(Map.of("email_frequency_max", "2", "email_frequency_period", "day",
                "email_paused_until", "2026-12-24"), TODAY);
        assertThat(before).isEqualTo(new EmailPreferences(2, Period.DAY, LocalDate.parse("2026-12-24")));
        assertThat(before.changesFrom(before, TODAY)).isEmpty();
        assertThat(new EmailPreferences(1, Period.WEEK, LocalDate.parse("2026-12-24")).changesFrom(before, TODAY))
                .containsExactlyInAnyOrderEntriesOf(Map.of("email_frequency_max", "1", "email_frequency_period", "week"));
        assertThat(EmailPreferences.NONE.changesFrom(before, TODAY)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "email_frequency_max", "0", "email_paused_until", "2026-12-06"));
        assertThat(EmailPreferences.of(Map.of("email_frequency_max", "0", "email_paused_until", "2026-12-06"), TODAY))
                .as("as written back: no choice, no pause").isEqualTo(EmailPreferences.NONE);
    }

    private static MultiMap form(String... pairs) {
        MultiMap m = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < pairs.length; i += 2) {
            m.add(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
