package io.leadstream.common.email;

import java.time.Duration;
import java.util.Locale;

/**
 * The contact fields a contact's email preferences are kept in: how often it wants marketing email
 * and until when it paused it. The gateway's preference center writes them, the send workers read
 * them at send time; both name them from here. They are standard fields (standard-fields.json), so
 * every contact has them without a definition of its own.
 */
public final class EmailPreferenceFields {
    /** At most this many marketing emails per {@link #FREQUENCY_PERIOD} (a whole number, 1 or more). */
    public static final String FREQUENCY_MAX = "email_frequency_max";
    /** {@code day}, {@code week} or {@code month}: a {@link Period}. */
    public static final String FREQUENCY_PERIOD = "email_frequency_period";
    /** An ISO date: marketing email due before that day starts (UTC) is not sent. */
    public static final String PAUSED_UNTIL = "email_paused_until";

    private EmailPreferenceFields() {}

    /** The periods a contact may choose, each a rolling window back from the send (a month is 30 days). */
    public enum Period {
        DAY(Duration.ofDays(1)),
        WEEK(Duration.ofDays(7)),
        MONTH(Duration.ofDays(30));

        private final Duration length;

        Period(Duration length) {
            this.length = length;
        }

        public Duration length() {
            return length;
        }

        /** The value stored in {@link #FREQUENCY_PERIOD}. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The period stored as {@code value}; null when it is none of them. */
        public static Period of(String value) {
            if (value == null) {
                return null;
            }
            for (Period p : values()) {
                if (p.value().equalsIgnoreCase(value.strip())) {
                    return p;
                }
            }
            return null;
        }
    }
}
