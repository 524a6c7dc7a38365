package io.leadstream.jobs.segments;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What segment filters read about one contact, at evaluation time. */
public interface ContactFacts {

    /** A profile field's current value, or null. */
    String field(String name);

    /** The total score (group null) or a group's. */
    int score(String group);

    Set<String> tags();

    boolean doNotContact(String channel);

    /** The contact's lifecycle stage, or null. */
    default String stage() {
        return null;
    }

    /** The fields of each company the contact is in (none: an empty list). */
    default List<Map<String, String>> companies() {
        return List.of();
    }

    /** Whether the contact is in that segment now (read, never re-evaluated). */
    boolean member(String segmentId);

    /** Event time of the contact's latest event, or null. */
    Long lastActive();

    /** The contact's events that {@code query} counts, as of {@code now}. */
    long behaviorCount(BehaviorQuery query, long now);

    /** The first instant after {@code now} at which that count drops with no new event (a counted day leaves the window), or null. */
    default Long behaviorChange(BehaviorQuery query, long now) {
        return null;
    }

    /** The contact's time zone for relative dates (UTC when unknown). */
    ZoneId zone();
}
