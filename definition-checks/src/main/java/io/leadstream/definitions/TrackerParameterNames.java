package io.leadstream.definitions;

import java.util.Set;

/**
 * What Mautic's tracker and its generated links send about a request (page data, campaign tags,
 * device and session ids): such a parameter never becomes a contact field, and no field takes its name.
 */
public final class TrackerParameterNames {
    /** Page data the gateway keeps on the hit itself. */
    public static final Set<String> PAGE = Set.of("page_url", "page_title", "page_referrer", "page_language",
            "timezone", "resolution", "platform", "counter", "do_not_track");
    /** Neither page data nor contact fields: ids, tracker internals and the names of links. */
    public static final Set<String> RESERVED = Set.of("mautic_device_id", "mtc_id", "mtc_sid", "r", "ct", "url", "title",
            "referrer", "language", "fingerprint", "preferred_locale", "sid", "timezone_offset", "device_id", "mautic_referer_id");

    private TrackerParameterNames() {}

    public static boolean isTrackerParameter(String name) {
        return PAGE.contains(name) || RESERVED.contains(name) || name.startsWith("utm_") || name.startsWith("page_");
    }
}
