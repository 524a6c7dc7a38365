package io.leadstream.jobs.segments;

/**
 * Names of the facts a segment filter reads. A change to a contact names the facts it changed, and
 * only the segments reading one of them are evaluated again (see {@link SegmentDefinitions#readers}).
 */
public final class Facts {
    public static final String TAGS = "tags";
    public static final String DO_NOT_CONTACT = "dnc";
    /** The time of the contact's latest trackable event. */
    public static final String ACTIVE = "active";
    /** The contact's time zone: relative and calendar dates are read in it. */
    public static final String ZONE = "zone";
    /** The contact's lifecycle stage. */
    public static final String STAGE = "stage";
    /** The companies the contact is in, and their fields. */
    public static final String COMPANIES = "companies";

    private Facts() {}

    public static String field(String name) {
        return "field:" + name;
    }

    /** The total (group null) or a group's score. */
    public static String points(String group) {
        return "points:" + (group == null ? "" : group);
    }

    /** Events of one behaviour kind ({@code any_event}, {@code page_hit}, ...). */
    public static String behavior(String kind) {
        return "behavior:" + kind;
    }

    /** Events of one kind about one target (an email, form or asset id). */
    public static String behavior(String kind, String target) {
        return "behavior:" + kind + "|" + target;
    }

    /** Page hits on URLs that match one pattern (as written in the filter). */
    public static String pageHits(String urlPattern) {
        return "behavior:page_hit@" + urlPattern;
    }

    /** Membership of another segment. */
    public static String segment(String id) {
        return "segment:" + id;
    }
}
