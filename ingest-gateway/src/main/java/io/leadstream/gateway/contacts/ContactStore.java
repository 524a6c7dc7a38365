package io.leadstream.gateway.contacts;

import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.store.cassandra.CassandraSessionFactory;
import io.leadstream.store.cassandra.table.CampaignLogTable;
import io.leadstream.store.cassandra.table.ContactDncTable;
import io.leadstream.store.cassandra.table.ContactProfilesTable;
import io.leadstream.store.cassandra.table.ContactSegmentsTable;
import io.leadstream.store.cassandra.table.ContactTimelineTable;
import io.leadstream.store.cassandra.table.ContactsTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads contacts from the identity tables (schema.cql, docs/identity.md) with the driver's async
 * API only: every method returns at once and completes on a driver thread, so callers on an event
 * loop never block.
 *
 * <p>The session is opened on first use, in the background. While Cassandra is unreachable every
 * call fails with {@link StoreUnavailableException} (the same failure for {@link #RETRY_INTERVAL},
 * then a new attempt), so a gateway without Cassandra keeps serving everything else.
 *
 * <p>Reads follow the rules the engine writes by: an id's current alias is the FIRST row of its
 * {@code contact_aliases} partition; a root's merged ids are its {@code contact_merged_ids}
 * candidates whose current alias still targets it, and one more level for ids merged into those.
 */
public final class ContactStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ContactStore.class);

    /** Alias hops followed from a requested id to its root. */
    public static final int MAX_HOPS = 8;
    /** After a failed connection, calls fail with the same reason for this long before a new attempt. */
    public static final Duration RETRY_INTERVAL = ContactSession.RETRY_INTERVAL;
    /** Deepest timeline position served (page * size): each partition is read up to here. */
    public static final int MAX_TIMELINE_DEPTH = 10_000;

    private final ContactSession session;

    public ContactStore(LeadStreamConfig config) {
        this.session = new ContactSession(config);
    }

    @Override
    public void close() {
        session.close();
    }

    /**
     * "UP" while the driver sees a Cassandra node up, else why not: for a readiness probe, which opens the
     * session if no request has yet.
     */
    public CompletionStage<String> state() {
        return session.ready().thenApply(st -> CassandraSessionFactory.anyNodeUp(st.session()) ? "UP" : "DOWN: no node up");
    }

    /** The session, for the other stores reading the same tables' keyspace. */
    ContactSession session() {
        return session;
    }

    /** Every row of a statement on the keyspace ({@code {ks}}), prepared once: for the gateway's other stores (users, ids). */
    public CompletionStage<List<Row>> rows(String cql, Object... values) {
        return session.rows(cql, values);
    }

    /** A write on the keyspace ({@code {ks}}), prepared once. */
    public CompletionStage<Void> execute(String cql, Object... values) {
        return session.execute(cql, values);
    }

    /** A conditional write ({@code IF ...}) on the keyspace: whether it was applied. */
    public CompletionStage<Boolean> applied(String cql, Object... values) {
        return session.applied(cql, values);
    }

    /** A contact's do-not-contact rows (channel, dnc, reason): for both APIs' contact views. */
    public CompletionStage<List<Row>> doNotContact(String contactId) {
        return rows(ContactDncTable.SELECT_BY_CONTACT_ID, contactId);
    }

    /** The ids of the segments a contact is in. */
    public CompletionStage<List<String>> segmentsOf(String contactId) {
        return rows(ContactSegmentsTable.SELECT_BY_CONTACT_ID, contactId)
                .thenApply(found -> found.stream().map(r -> r.getString("segment_id")).toList());
    }

    /** A contact's campaign log, per campaign newest first (an empty event id: an entry or exit). */
    public CompletionStage<List<Row>> campaignLog(String contactId) {
        return rows(CampaignLogTable.SELECT_BY_CONTACT_ID, contactId);
    }

    // ---------------------------------------------------------------------------------------------
    // What the store answers

    /** A requested id and the root its alias chain ends at; {@code aliased}: the id had an alias row. */
    public record Resolution(String requested, String root, boolean aliased) {}

    public record Identifier(String field, String value) {}

    /** A merged profile: the root's facts, fields newest-by-writetime across root and merged ids. */
    public record Profile(String id, String requested, List<String> aliases, boolean identified, Identifier identifier,
                          Map<String, String> fields, Instant firstSeen, Instant lastSeen, String timezone, String ip,
                          PointsAndTags pointsAndTags) {}

    /**
     * The root's row of {@code contact_profiles}, the engine's view of its profile beyond fields.
     * Only the root's: a merge folds the merged contact's points and tags into the survivor's.
     * Groups and tags sorted; a contact the engine has not scored or tagged yet has 0, none and none;
     * {@code stage} the lifecycle stage's id, or null; {@code companies} the ids of the companies it is in, as the
     * engine lists them, and {@code primaryCompany} the one that is its primary, or null.
     */
    public record PointsAndTags(int points, Map<String, Integer> pointsByGroup, List<String> tags, String stage,
                                List<String> companies, String primaryCompany) {
        static PointsAndTags of(Optional<ContactProfilesTable.Row> row) {
            if (row.isEmpty()) {
                return new PointsAndTags(0, Map.of(), List.of(), null, List.of(), null);
            }
            ContactProfilesTable.Row r = row.get();
            String stage = r.stage() == null || r.stage().isEmpty() ? null : r.stage(); // "": taken out of one
            String primary = r.primaryCompany() == null || r.primaryCompany().isEmpty() ? null : r.primaryCompany();
            return new PointsAndTags(r.points() == null ? 0 : r.points(),
                    Collections.unmodifiableMap(new TreeMap<>(r.pointsByGroup())),
                    List.copyOf(new TreeSet<>(r.tags())), stage,
                    List.copyOf(new java.util.LinkedHashSet<>(r.companies())), primary);
        }
    }

    public record TimelineEvent(String contactId, Instant eventTime, String eventId, String kind, String deviceId,
                                String url, String title, Map<String, String> detail) {}

    public record TimelinePage(String id, int page, int size, List<TimelineEvent> events, boolean hasMore) {}

    /** Cassandra cannot be reached (or the store is closed): the caller should retry later. */
    public static final class StoreUnavailableException extends RuntimeException {
        StoreUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Identifier values are stored trimmed and lower-cased (as the engine keys them). */
    public static String normalize(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }

    /** The id's root through {@code contact_aliases}. */
    public CompletionStage<Resolution> resolve(String id) {
        return session.ready().thenCompose(st -> resolve(st, id));
    }

    /** The merged profile of the id's root; empty when nothing at all is known about it. */
    public CompletionStage<Optional<Profile>> profile(String id) {
        return session.ready().thenCompose(st -> resolve(st, id).thenCompose(res -> profile(st, res)));
    }

    /** The contact id stored for identifier {@code field = normalize(value)}, unresolved. */
    public CompletionStage<Optional<String>> contactIdFor(String field, String value) {
        return session.ready().thenCompose(st -> st.session().executeAsync(st.byIdentifier().bind(field, normalize(value)))
                .thenApply(rs -> Optional.ofNullable(rs.one()).map(r -> r.getString(0))));
    }

    /**
     * Page {@code page} (from 1) of the timeline of the id's root and its merged ids, newest first
     * (event time desc, event id asc); empty when nothing at all is known about the id.
     */
    public CompletionStage<Optional<TimelinePage>> timeline(String id, int page, int size) {
        if (page < 1 || size < 1 || (long) page * size > MAX_TIMELINE_DEPTH) {
            throw new IllegalArgumentException("page " + page + " of size " + size + " is out of range");
        }
        int perPartition = page * size + 1; // one more than the page's end tells whether there is more
        return session.ready().thenCompose(st -> resolve(st, id).thenCompose(res -> mergedInto(st, res.root()).thenCompose(merged -> {
            List<String> ids = withRoot(res.root(), merged);
            List<CompletionStage<List<Row>>> reads = new ArrayList<>();
            for (String contactId : ids) {
                reads.add(AsyncRows.rows(st.session(), st.timeline().bind(contactId, perPartition)));
            }
            return AsyncRows.all(reads).thenCompose(partitions -> {
                List<TimelineEvent> events = new ArrayList<>();
                partitions.forEach(rows -> rows.forEach(r -> events.add(event(ContactTimelineTable.Row.from(r)))));
                TimelinePage result = page(res.root(), page, size, events);
                if (!events.isEmpty() || res.aliased() || !merged.isEmpty()) {
                    return CompletableFuture.completedFuture(Optional.of(result));
                }
                return hasProfileRows(st, res.root()).thenApply(known -> known ? Optional.of(result) : Optional.<TimelinePage>empty());
            });
        })));
    }

    /** Merge-sorts the partitions' rows: event time desc, event id asc; an event in two partitions counts once. */
    static TimelinePage page(String root, int page, int size, List<TimelineEvent> events) {
        Map<String, TimelineEvent> unique = new LinkedHashMap<>();
        for (TimelineEvent e : events) {
            unique.putIfAbsent(e.eventTime() + "\u0000" + e.eventId(), e);
        }
        List<TimelineEvent> sorted = new ArrayList<>(unique.values());
        sorted.sort(Comparator.comparing(TimelineEvent::eventTime, Comparator.reverseOrder())
                .thenComparing(TimelineEvent::eventId)
                .thenComparing(TimelineEvent::contactId));
        int from = Math.min((page - 1) * size, sorted.size());
        int to = Math.min(page * size, sorted.size());
        return new TimelinePage(root, page, size, List.copyOf(sorted.subList(from, to)), sorted.size() > page * size);
    }

    // ---------------------------------------------------------------------------------------------
    // Aliases

    private CompletionStage<Resolution> resolve(ContactStatements st, String requested) {
        List<String> path = new ArrayList<>();
        path.add(requested);
        return follow(st, requested, path);
    }

    /**
     * Follows current alias rows from {@code current}; {@code path} holds the ids visited so far.
     * A cycle answers its smallest id (the same root whichever member was asked for); a chain
     * longer than {@link #MAX_HOPS} answers the id reached after that many hops. Both are logged:
     * the engine's rules never produce them.
     */
    private CompletionStage<Resolution> follow(ContactStatements st, String current, List<String> path) {
        return currentTarget(st, current).thenCompose(target -> {
            String requested = path.get(0);
            if (target.isEmpty()) {
                return CompletableFuture.completedFuture(new Resolution(requested, current, path.size() > 1));
            }
            String next = target.get();
            int seen = path.indexOf(next);
            if (seen >= 0) {
                List<String> cycle = path.subList(seen, path.size());
                String root = Collections.min(cycle);
                LOG.warn("Alias cycle {} reached from {}: answering with {}", cycle, requested, root);
                return CompletableFuture.completedFuture(new Resolution(requested, root, true));
            }
            if (path.size() > MAX_HOPS) {
                LOG.warn("Alias chain from {} is longer than {} hops: answering with {}", requested, MAX_HOPS, current);
                return CompletableFuture.completedFuture(new Resolution(requested, current, true));
            }
            path.add(next);
            return follow(st, next, path);
        });
    }

    /** The target of the id's current alias row (the partition's first), if it has one. */
    private static CompletionStage<Optional<String>> currentTarget(ContactStatements st, String id) {
        return st.session().executeAsync(st.alias().bind(id)).thenApply(rs -> Optional.ofNullable(rs.one()).map(r -> r.getString(0)));
    }

    /** Ids merged into root that still point at it: two levels (ids merged into those too), sorted. */
    private CompletionStage<List<String>> mergedInto(ContactStatements st, String root) {
        return currentlyMerged(st, root, Set.of(root)).thenCompose(level1 -> {
            Set<String> exclude = new HashSet<>(level1);
            exclude.add(root);
            List<CompletionStage<List<String>>> level2 = new ArrayList<>();
            for (String id : level1) {
                level2.add(currentlyMerged(st, id, exclude));
            }
            return AsyncRows.all(level2).thenApply(lists -> {
                TreeSet<String> out = new TreeSet<>(level1);
                lists.forEach(out::addAll);
                out.remove(root);
                return List.copyOf(out);
            });
        });
    }

    /** {@code contact_merged_ids} candidates of target whose current alias row targets it. */
    private static CompletionStage<List<String>> currentlyMerged(ContactStatements st, String target, Set<String> exclude) {
        return AsyncRows.rows(st.session(), st.mergedIds().bind(target)).thenCompose(rows -> {
            List<String> candidates = rows.stream().map(r -> r.getString(0))
                    .filter(c -> c != null && !exclude.contains(c)).distinct().toList();
            List<CompletionStage<Optional<String>>> checks = new ArrayList<>();
            for (String c : candidates) {
                checks.add(currentTarget(st, c));
            }
            return AsyncRows.all(checks).thenApply(targets -> {
                List<String> out = new ArrayList<>();
                for (int i = 0; i < candidates.size(); i++) {
                    if (targets.get(i).filter(target::equals).isPresent()) {
                        out.add(candidates.get(i));
                    }
                }
                return out;
            });
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Profile

    private CompletionStage<Optional<Profile>> profile(ContactStatements st, Resolution res) {
        String root = res.root();
        // Needs the root only: read while the merged ids are looked up, not after.
        CompletionStage<PointsAndTags> pointsAndTagsRead = st.session().executeAsync(st.profile().bind(root))
                .thenApply(rs -> PointsAndTags.of(Optional.ofNullable(rs.one()).map(r -> ContactProfilesTable.Row.from(root, r))));
        return mergedInto(st, root).thenCompose(merged -> {
            List<String> ids = withRoot(root, merged);
            List<CompletionStage<List<Row>>> fieldReads = new ArrayList<>();
            List<CompletionStage<Optional<ContactsTable.Row>>> contactReads = new ArrayList<>();
            for (String id : ids) {
                fieldReads.add(AsyncRows.rows(st.session(), st.fields().bind(id)));
                contactReads.add(st.session().executeAsync(st.contact().bind(id)).thenApply(rs -> Optional.ofNullable(rs.one()).map(ContactsTable.Row::from)));
            }
            CompletionStage<List<Optional<ContactsTable.Row>>> contactsRead = AsyncRows.all(contactReads);
            return AsyncRows.all(fieldReads).thenCompose(fieldRows -> contactsRead.thenCombine(pointsAndTagsRead, (contactRows, pointsAndTags) -> {
                Profile p = profile(res, merged, fieldRows, contactRows, pointsAndTags);
                boolean known = res.aliased() || !merged.isEmpty() || contactRows.get(0).isPresent() || !fieldRows.get(0).isEmpty();
                return known ? CompletableFuture.completedFuture(Optional.of(p))
                        // nothing but (maybe) events: known if its timeline has any
                        : hasTimeline(st, root).thenApply(k -> k ? Optional.of(p) : Optional.<Profile>empty());
            })).thenCompose(answer -> answer);
        });
    }

    /** fieldRows and contactRows are per id, root first. */
    private static Profile profile(Resolution res, List<String> merged, List<List<Row>> fieldRows, List<Optional<ContactsTable.Row>> contactRows,
                                   PointsAndTags pointsAndTags) {
        Map<String, String> fields = new TreeMap<>();
        Map<String, Long> writetimes = new HashMap<>();
        for (List<Row> rows : fieldRows) {
            for (Row r : rows) {
                if (r.isNull(1)) {
                    continue;
                }
                String field = r.getString(0);
                long writetime = r.isNull(2) ? Long.MIN_VALUE : r.getLong(2);
                Long best = writetimes.get(field);
                if (best == null || writetime > best) { // ties: the earlier id (root first) keeps it
                    writetimes.put(field, writetime);
                    fields.put(field, r.getString(1));
                }
            }
        }
        Instant firstSeen = null;
        Instant lastSeen = null;
        for (Optional<ContactsTable.Row> row : contactRows) {
            if (row.isEmpty()) {
                continue;
            }
            Instant first = row.get().firstSeen();
            Instant last = row.get().lastSeen();
            if (first != null && (firstSeen == null || first.isBefore(firstSeen))) {
                firstSeen = first;
            }
            if (last != null && (lastSeen == null || last.isAfter(lastSeen))) {
                lastSeen = last;
            }
        }
        ContactsTable.Row root = contactRows.get(0).orElse(null);
        boolean identified = root != null && Boolean.TRUE.equals(root.identified());
        Identifier identifier = root == null || root.identifierValue() == null ? null
                : new Identifier(root.identifierField(), root.identifierValue());
        return new Profile(res.root(), res.requested(), merged, identified, identifier, Collections.unmodifiableMap(fields),
                firstSeen, lastSeen, root == null ? null : root.timezone(), root == null ? null : root.ip(), pointsAndTags);
    }

    private static CompletionStage<Boolean> hasTimeline(ContactStatements st, String id) {
        return st.session().executeAsync(st.timeline().bind(id, 1)).thenApply(rs -> rs.one() != null);
    }

    private static CompletionStage<Boolean> hasProfileRows(ContactStatements st, String id) {
        CompletionStage<Boolean> contact = st.session().executeAsync(st.contact().bind(id)).thenApply(rs -> rs.one() != null);
        CompletionStage<Boolean> fields = st.session().executeAsync(st.fields().bind(id).setPageSize(1)).thenApply(rs -> rs.one() != null);
        return contact.thenCombine(fields, (a, b) -> a || b);
    }

    private static TimelineEvent event(ContactTimelineTable.Row r) {
        return new TimelineEvent(r.contactId(), r.eventTime(), r.eventId(), r.kind(), r.deviceId(), r.url(), r.title(), r.detail());
    }

    private static List<String> withRoot(String root, List<String> merged) {
        List<String> ids = new ArrayList<>(merged.size() + 1);
        ids.add(root);
        ids.addAll(merged);
        return ids;
    }
}
