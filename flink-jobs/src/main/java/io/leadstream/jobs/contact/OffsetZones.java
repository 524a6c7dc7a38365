package io.leadstream.jobs.contact;

import java.time.ZoneOffset;

/**
 * A zone for a contact known only by its browser's UTC offset (the tracker's timezone_offset, in
 * minutes as JavaScript gives them: positive west of UTC). Whole hours get the IANA fixed-offset
 * zone ({@code Etc/GMT+5} is UTC-5: the IANA names carry the same inverted sign); others, such as
 * India's +05:30, the offset itself.
 */
final class OffsetZones {
    private OffsetZones() {}

    static String name(int timezoneOffset) {
        if (timezoneOffset == 0) {
            return "UTC";
        }
        if (timezoneOffset % 60 == 0) {
            int hours = timezoneOffset / 60;
            return "Etc/GMT" + (hours > 0 ? "+" : "-") + Math.abs(hours);
        }
        return ZoneOffset.ofTotalSeconds(-timezoneOffset * 60).getId();
    }
}
