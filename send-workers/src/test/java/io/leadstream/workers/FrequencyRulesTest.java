package io.leadstream.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The limits a marketing send meets: the channel's default, the contact's own frequency instead, and its pause. */
class FrequencyRulesTest {
    private static final FrequencyRules TWO_A_DAY = new FrequencyRules(2, Duration.ofDays(1));

    @Test
    void withoutAChoiceTheDefaultHoldsAndNoDefaultMeansNoLimit() {
        FrequencyRules.Rule rule = TWO_A_DAY.rule(Map.of("email", "a@b.example"));
        assertThat(rule.limits()).isTrue();
        assertThat(rule.max()).isEqualTo(2);
        assertThat(rule.period()).isEqualTo(Duration.ofDays(1));
        assertThat(rule.reason()).isEqualTo("frequency cap: 2 marketing emails per PT24H");
        assertThat(new FrequencyRules(0, Duration.ofDays(7)).rule(Map.of()).limits()).isFalse();
    }

    @Test
    void theContactsChoiceReplacesTheDefaultEitherWay() {
        FrequencyRules.Rule fewer = TWO_A_DAY.rule(Map.of("email_frequency_max", "1", "email_frequency_period", "week"));
        assertThat(fewer.max()).isEqualTo(1);
        assertThat(fewer.period()).isEqualTo(Duration.ofDays(7));
        assertThat(fewer.reason()).isEqualTo("frequency cap: 1 marketing email per week (the contact's choice)");

        FrequencyRules.Rule more = TWO_A_DAY.rule(Map.of("email_frequency_max", "5", "email_frequency_period", "day"));
        assertThat(more.max()).isEqualTo(5);
        assertThat(more.period()).isEqualTo(Duration.ofDays(1));

        FrequencyRules.Rule none = new FrequencyRules(0, Duration.ofDays(7)).rule(Map.of("email_frequency_max", "3", "email_frequency_period", "month"));
        assertThat(none.limits()).as("a choice applies with no default too").isTrue();
        assertThat(none.period()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void aChoiceWithoutAPeriodIsPerWeekAndOneThatDoesNotReadLeavesTheDefault() {
        assertThat(TWO_A_DAY.rule(Map.of("email_frequency_max", "3")).period()).isEqualTo(Duration.ofDays(7));
        assertThat(TWO_A_DAY.rule(Map.of("email_frequency_max", "3", "email_frequency_period", "fortnight")).period()).isEqualTo(Duration.ofDays(7));
        for (String bad : new String[] {"0", "-1", "1.5", "many", " ", "99999999999"}) {
            assertThat(TWO_A_DAY.rule(Map.of("email_frequency_max", bad)).reason()).as(bad).isEqualTo("frequency cap: 2 marketing emails per PT24H");
        }
        assertThat(TWO_A_DAY.rule(Map.of("email_frequency_max", "4.0")).max()).as("a number's stored form may carry a point").isEqualTo(4);
    }

    @Test
    void aPauseHoldsEverySendDueBeforeItsDayStartsInUtc() {
        Map<String, String> paused = Map.of("email_paused_until", "2026-12-24");
        assertThat(TWO_A_DAY.paused(paused, Instant.parse("2026-12-23T23:59:59Z"))).isEqualTo("paused until 2026-12-24");
        assertThat(TWO_A_DAY.paused(paused, Instant.parse("2026-12-01T08:00:00Z"))).isEqualTo("paused until 2026-12-24");
        assertThat(TWO_A_DAY.paused(paused, Instant.parse("2026-12-24T00:00:00Z"))).isNull();
        assertThat(TWO_A_DAY.paused(Map.of(), Instant.parse("2026-12-01T08:00:00Z"))).isNull();
        assertThat(TWO_A_DAY.paused(Map.of("email_paused_until", "soon"), Instant.parse("2026-12-01T08:00:00Z"))).isNull();
    }

    @Test
    void sendsAreCountedAsLongAsAnyRuleMayLookBack() {
        assertThat(TWO_A_DAY.keep()).isEqualTo(Duration.ofDays(30));
        assertThat(new FrequencyRules(10, Duration.ofDays(90)).keep()).isEqualTo(Duration.ofDays(90));
    }
}
