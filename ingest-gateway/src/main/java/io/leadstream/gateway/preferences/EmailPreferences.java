package io.leadstream.gateway.preferences;

import io.leadstream.common.email.EmailPreferenceFields;
import io.leadstream.common.email.EmailPreferenceFields.Period;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A contact's email preferences as its fields hold them: at most {@code frequencyMax} marketing
 * emails per {@code period} (null: no choice of its own, the channel's default holds), and marketing
 * email paused until {@code pausedUntil} (null: not paused).
 *
 * <p>Neither choice is taken back by clearing its field: the gateway stores no empty value, and the
 * send workers read the engine's field view, which keeps a field's last value. So "no choice" is
 * written as {@code 0} and "not paused" as today's date, both of which the send workers read as no
 * limit.
 */
record EmailPreferences(Integer frequencyMax, Period period, LocalDate pausedUntil) {
    static final EmailPreferences NONE = new EmailPreferences(null, null, null);

    /** The preferences {@code fields} hold on {@code today}: a pause already over is none, as is a value that does not read. */
    static EmailPreferences of(Map<String, String> fields, LocalDate today) {
        Integer max = wholeNumber(fields.get(EmailPreferenceFields.FREQUENCY_MAX));
        Period period = max == null ? null : Objects.requireNonNullElse(Period.of(fields.get(EmailPreferenceFields.FREQUENCY_PERIOD)), Period.WEEK);
        LocalDate until = date(fields.get(EmailPreferenceFields.PAUSED_UNTIL));
        return new EmailPreferences(max, period, until != null && until.isAfter(today) ? until : null);
    }

    /** The field values that turn {@code before} into these preferences on {@code today}; none when nothing changed. */
    Map<String, String> changesFrom(EmailPreferences before, LocalDate today) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!Objects.equals(frequencyMax, before.frequencyMax) || !Objects.equals(period, before.period)) {
            out.put(EmailPreferenceFields.FREQUENCY_MAX, frequencyMax == null ? "0" : frequencyMax.toString());
            if (period != null) {
                out.put(EmailPreferenceFields.FREQUENCY_PERIOD, period.value());
            }
        }
        if (!Objects.equals(pausedUntil, before.pausedUntil)) {
            out.put(EmailPreferenceFields.PAUSED_UNTIL, (pausedUntil == null ? today : pausedUntil).toString());
        }
        return out;
    }

    private static Integer wholeNumber(String value) {
        try {
            BigDecimal n = value == null ? null : new BigDecimal(value.strip());
            return n != null && n.signum() > 0 && n.stripTrailingZeros().scale() <= 0 && n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0
                    ? n.intValueExact() : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static LocalDate date(String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
