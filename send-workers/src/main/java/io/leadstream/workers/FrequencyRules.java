package io.leadstream.workers;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.email.EmailPreferenceFields;
import io.leadstream.common.email.EmailPreferenceFields.Period;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Which marketing-email limits a contact's send meets: its own frequency from the preference center
 * ({@code email_frequency_max} per {@code email_frequency_period}) when it chose one, else the email
 * channel's default ({@code worker.frequency-cap} per {@code worker.frequency-period}); and whether it
 * paused marketing email ({@code email_paused_until}). The contact's choice replaces the default, in
 * either direction, as a preference center's promise is the contact's to set. A value that does not
 * read (an import, an API call) is as if not set: the default holds, nothing is paused.
 */
final class FrequencyRules {
    /** At most {@code max} marketing emails in the {@code period} before a send; {@code reason} says so when one is suppressed. */
    record Rule(int max, Duration period, String reason) {
        static final Rule NONE = new Rule(0, Duration.ZERO, null);

        boolean limits() {
            return max > 0;
        }
    }

    private final Rule standard;

    FrequencyRules(int defaultMax, Duration defaultPeriod) {
        this.standard = defaultMax > 0 ? new Rule(defaultMax, defaultPeriod, reason(defaultMax, defaultPeriod.toString(), "")) : Rule.NONE;
    }

    static FrequencyRules of(LeadStreamConfig config) {
        return new FrequencyRules(config.get(WorkerOptions.FREQUENCY_CAP), config.get(WorkerOptions.FREQUENCY_PERIOD));
    }

    /** The rule for a contact of these fields. */
    Rule rule(Map<String, String> fields) {
        Integer max = wholeNumber(fields.get(EmailPreferenceFields.FREQUENCY_MAX));
        if (max == null) {
            return standard;
        }
        Period period = Period.of(fields.get(EmailPreferenceFields.FREQUENCY_PERIOD));
        Period chosen = period == null ? Period.WEEK : period; // the preference center's own default
        return new Rule(max, chosen.length(), reason(max, chosen.value(), " (the contact's choice)"));
    }

    /** {@code "paused until 2026-12-24"} when a send due at {@code due} falls before the contact's pause ends; else null. */
    String paused(Map<String, String> fields, Instant due) {
        String value = fields.get(EmailPreferenceFields.PAUSED_UNTIL);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate until = LocalDate.parse(value.strip());
            return due.isBefore(until.atStartOfDay(ZoneOffset.UTC).toInstant()) ? SuppressionReasons.PAUSED + " until " + until : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * How long a marketing send must stay counted: as far back as any rule may look, so a contact
     * choosing a rule later is counted what it already got.
     */
    Duration keep() {
        Duration longest = Period.MONTH.length();
        return standard.period().compareTo(longest) > 0 ? standard.period() : longest;
    }

    private static Integer wholeNumber(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal n = new BigDecimal(value.strip());
            return n.signum() > 0 && n.stripTrailingZeros().scale() <= 0 && n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0
                    ? n.intValueExact() : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static String reason(int max, String per, String whose) {
        return SuppressionReasons.FREQUENCY + " cap: " + max + " marketing email" + (max == 1 ? "" : "s") + " per " + per + whose;
    }
}
