package io.leadstream.workers;

/**
 * Why a marketing email was not sent, as the delivery result's {@code reason} tells the engine's reports:
 * each suppression's detail starts with the words of its reason here, so the detail stays readable and the
 * reason is read back from it where the result is written.
 */
final class SuppressionReasons {
    static final String DNC = "do not contact";
    static final String FREQUENCY = "frequency";
    static final String PAUSED = "paused";
    static final String ONCE = "already sent";
    static final String NO_ADDRESS = "the contact has no email address";
    static final String BAD_ADDRESS = "not a valid email address";

    private SuppressionReasons() {}

    /** The reason code of a suppression's detail: dnc, frequency, once, address or other. */
    static String of(String detail) {
        if (detail == null) {
            return "other";
        }
        if (detail.startsWith(DNC)) {
            return "dnc";
        }
        if (detail.startsWith(FREQUENCY) || detail.startsWith(PAUSED)) {
            return "frequency";
        }
        if (detail.startsWith(ONCE)) {
            return "once";
        }
        return detail.startsWith(NO_ADDRESS) || detail.startsWith(BAD_ADDRESS) ? "address" : "other";
    }
}
