package io.leadstream.jobs.contact;

import io.leadstream.jobs.points.ScoredEvent;
import io.leadstream.jobs.segments.BehaviorQuery;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.schemas.profile.BehaviorCounts;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A contact's behaviour, compact enough to keep in its profile, so that a behaviour filter defined
 * today counts what the contact did before it (as Mautic's filters read the whole history). Per
 * key, events per UTC day over a horizon (older days count in the all-time total only), and the
 * all-time total. Keys: {@code any_event}; each kind ({@code page_hit}, {@code email_open},
 * {@code email_click}, {@code form_submit}, {@code asset_download}); and each kind with its target
 * ({@code page_hit|https://shop.example/pricing}, {@code email_open|welcome}). Target keys are
 * bounded per contact: past the bound, the least recently seen target goes (its kind's count stays).
 *
 * <p>Windows count whole UTC days: "within 7 days" at any instant counts the days from the one 7
 * days back to today. So a counted event leaves a window at a midnight, which is when a contact's
 * timer moves it out of a segment.
 */
final class BehaviorSummary {
    static final long DAY = 86_400_000L;
    static final String ANY_EVENT = "any_event";
    private static final char SEPARATOR = '|';

    private BehaviorSummary() {}

    /** Counts a trackable event under its keys; what it counted (null: nothing, not behaviour), for the facts it changed. */
    static ScoredEvent record(Map<String, BehaviorCounts> summary, TrackingEvent event, long time, ProfileSettings settings) {
        if (event.getContext() != null && !event.getContext().getTrackable()) {
            return null;
        }
        add(summary, ANY_EVENT, time, settings);
        ScoredEvent scored = ScoredEvent.of(event);
        if (scored == null) {
            return new ScoredEvent(ANY_EVENT, null);
        }
        add(summary, scored.type(), time, settings);
        if (scored.target() != null) {
            add(summary, scored.type() + SEPARATOR + scored.target(), time, settings);
            evictBeyond(summary, settings.behaviorTargets());
        }
        return scored;
    }

    /** What {@code query} counts as of {@code now}. */
    static long count(Map<String, BehaviorCounts> summary, BehaviorQuery query, long now) {
        Integer since = query.windowMillis() == null ? null : day(now - query.windowMillis());
        long total = 0;
        for (BehaviorCounts c : matching(summary, query)) {
            total += since == null ? c.getTotal() : countSince(c, since);
        }
        return total;
    }

    /** The first instant after {@code now} at which a counted day leaves the query's window, or null. */
    static Long nextChange(Map<String, BehaviorCounts> summary, BehaviorQuery query, long now) {
        if (query.windowMillis() == null) {
            return null;
        }
        int since = day(now - query.windowMillis());
        Integer earliest = null;
        for (BehaviorCounts c : matching(summary, query)) {
            for (int d : c.getDays()) {
                if (d >= since) {
                    earliest = earliest == null ? d : Math.min(earliest, d);
                    break; // days ascend
                }
            }
        }
        // Day d is counted while day(t - window) <= d, i.e. until t reaches (d + 1) days + window.
        return earliest == null ? null : (earliest + 1) * DAY + query.windowMillis();
    }

    /** Drops days before the horizon (totals stay). */
    static void prune(Map<String, BehaviorCounts> summary, long now, ProfileSettings settings) {
        int oldest = day(now) - settings.behaviorHorizonDays();
        for (BehaviorCounts c : summary.values()) {
            int drop = 0;
            while (drop < c.getDays().size() && c.getDays().get(drop) < oldest) {
                drop++;
            }
            if (drop > 0) {
                c.setDays(new ArrayList<>(c.getDays().subList(drop, c.getDays().size())));
                c.setCounts(new ArrayList<>(c.getCounts().subList(drop, c.getCounts().size())));
            }
        }
    }

    /** Adds {@code from}'s counts to {@code into} (a merge): totals add, days add up day by day. */
    static void merge(Map<String, BehaviorCounts> into, Map<String, BehaviorCounts> from, ProfileSettings settings) {
        for (Map.Entry<String, BehaviorCounts> e : from.entrySet()) {
            BehaviorCounts theirs = e.getValue();
            BehaviorCounts mine = into.get(e.getKey());
            if (mine == null) {
                into.put(e.getKey(), new BehaviorCounts(theirs.getTotal(), theirs.getLastTime(), new ArrayList<>(theirs.getDays()),
                        new ArrayList<>(theirs.getCounts())));
                continue;
            }
            mine.setTotal(mine.getTotal() + theirs.getTotal());
            mine.setLastTime(Math.max(mine.getLastTime(), theirs.getLastTime()));
            for (int i = 0; i < theirs.getDays().size(); i++) {
                addDay(mine, theirs.getDays().get(i), theirs.getCounts().get(i));
            }
        }
        evictBeyond(into, settings.behaviorTargets());
    }

    static int day(long millis) {
        return (int) Math.floorDiv(millis, DAY);
    }

    private static void add(Map<String, BehaviorCounts> summary, String key, long time, ProfileSettings settings) {
        BehaviorCounts c = summary.get(key);
        if (c == null) {
            c = new BehaviorCounts(0L, time, new ArrayList<>(), new ArrayList<>());
            summary.put(key, c);
        }
        c.setTotal(c.getTotal() + 1);
        c.setLastTime(Math.max(c.getLastTime(), time));
        int day = day(time);
        if (day >= day(c.getLastTime()) - settings.behaviorHorizonDays()) {
            addDay(c, day, 1);
        }
    }

    private static void addDay(BehaviorCounts c, int day, int count) {
        List<Integer> days = c.getDays();
        int i = days.size();
        while (i > 0 && days.get(i - 1) > day) {
            i--;
        }
        if (i > 0 && days.get(i - 1) == day) {
            c.getCounts().set(i - 1, c.getCounts().get(i - 1) + count);
        } else {
            days.add(i, day);
            c.getCounts().add(i, count);
        }
    }

    private static long countSince(BehaviorCounts c, int since) {
        long n = 0;
        List<Integer> days = c.getDays();
        for (int i = days.size() - 1; i >= 0 && days.get(i) >= since; i--) {
            n += c.getCounts().get(i);
        }
        return n;
    }

    private static List<BehaviorCounts> matching(Map<String, BehaviorCounts> summary, BehaviorQuery query) {
        if (query.url() == null) {
            BehaviorCounts c = summary.get(query.target() == null ? query.kind() : query.kind() + SEPARATOR + query.target());
            return c == null ? List.of() : List.of(c);
        }
        String prefix = query.kind() + SEPARATOR;
        List<BehaviorCounts> out = new ArrayList<>();
        for (Map.Entry<String, BehaviorCounts> e : summary.entrySet()) {
            if (e.getKey().startsWith(prefix) && query.url().matches(e.getKey().substring(prefix.length()))) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /** Keeps at most {@code bound} target keys: the least recently seen go. */
    private static void evictBeyond(Map<String, BehaviorCounts> summary, int bound) {
        int targets = 0;
        for (String key : summary.keySet()) {
            if (key.indexOf(SEPARATOR) >= 0) {
                targets++;
            }
        }
        while (targets > bound) {
            String oldest = null;
            long oldestTime = Long.MAX_VALUE;
            for (Iterator<Map.Entry<String, BehaviorCounts>> it = summary.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, BehaviorCounts> e = it.next();
                if (e.getKey().indexOf(SEPARATOR) >= 0 && e.getValue().getLastTime() < oldestTime) {
                    oldest = e.getKey();
                    oldestTime = e.getValue().getLastTime();
                }
            }
            summary.remove(oldest);
            targets--;
        }
    }
}
