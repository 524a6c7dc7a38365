package io.leadstream.jobs.segments;

import java.time.ZoneId;
import java.util.Set;

/** What segment filters read about one contact, at evaluation time. */
public interface ContactFacts {

    /** A profile field's current value, or null. */
    String field(String name);

    /** The total score (group null) or a group's. */
    int score(String group);

    Set<String> tags();

    boolean doNotContact(String channel);

    /** Whether the contact is in that segment now (read, never re-evaluated). */
    boolean member(String segmentId);

    /** Event time of the contact's latest event, or null. */
    Long lastActive();

    /** Events matching the behaviour filter {@code key} at or after {@code since} (all, when null). */
    long behaviorCount(String key, Long since);

    /** The contact's time zone for relative dates (UTC when unknown). */
    ZoneId zone();
}
