package io.leadstream.gateway.contacts;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Reads the counts the engine keeps (schema.cql): email stats, campaign step outcomes, segment sizes. */
public final class StatsStore {
    private final ContactSession session;
    private final Map<String, CompletableFuture<PreparedStatement>> statements = new ConcurrentHashMap<>();

    public StatsStore(ContactStore contacts) {
        this.session = contacts.session();
    }

    /** Every email's counts (one small row per email). */
    public CompletionStage<List<Row>> emails() {
        return rows("SELECT * FROM %s.email_stats", ps -> ps.bind());
    }

    /** Outcome counts per step of a campaign: (event_id, outcome, count). */
    public CompletionStage<List<Row>> campaignEvents(String campaign) {
        return rows("SELECT event_id, outcome, count FROM %s.campaign_event_stats WHERE campaign_id = ?", ps -> ps.bind(campaign));
    }

    /** Email counts per send step of a campaign. */
    public CompletionStage<List<Row>> campaignEmails(String campaign) {
        return rows("SELECT * FROM %s.campaign_email_stats WHERE campaign_id = ?", ps -> ps.bind(campaign));
    }

    /** Minute rows of a UTC day, newest first: (minute, events). */
    public CompletionStage<List<Row>> eventCounts(java.time.LocalDate day) {
        return rows("SELECT minute, events FROM %s.event_counts WHERE day = ?", ps -> ps.bind(day));
    }

    /** The kinds (ENTERED, LEFT) of a segment's membership changes on a UTC day. */
    public CompletionStage<List<Row>> membershipChanges(String segment, java.time.LocalDate day) {
        return rows("SELECT kind FROM %s.segment_membership_log WHERE segment_id = ? AND day = ?", ps -> ps.bind(segment, day));
    }

    /**
     * Contacts and identified contacts: every row of {@code contacts} whose id was not merged into
     * another. A full scan of two tables, so the caller caches it; an engine-kept counter is the
     * way past a few million contacts.
     */
    public CompletionStage<long[]> contactCounts() {
        return rows("SELECT DISTINCT alias_id FROM %s.contact_aliases", ps -> ps.bind()).thenCompose(aliases -> {
            java.util.Set<String> merged = new java.util.HashSet<>();
            aliases.forEach(r -> merged.add(r.getString(0)));
            return rows("SELECT contact_id, identified FROM %s.contacts", ps -> ps.bind()).thenApply(contacts -> {
                long all = 0;
                long identified = 0;
                for (Row r : contacts) {
                    if (!merged.contains(r.getString(0))) {
                        all++;
                        identified += !r.isNull(1) && r.getBoolean(1) ? 1 : 0;
                    }
                }
                return new long[] {all, identified};
            });
        });
    }

    public CompletionStage<Long> segmentSize(String segment) {
        return rows("SELECT COUNT(*) FROM %s.segment_members WHERE segment_id = ?", ps -> ps.bind(segment))
                .thenApply(rows -> rows.isEmpty() ? 0L : rows.get(0).getLong(0));
    }

    private CompletionStage<List<Row>> rows(String cql, Function<PreparedStatement, BoundStatement> bind) {
        return session.ready().thenCompose(st -> prepared(st.session(), cql.formatted(session.keyspace()))
                .thenCompose(ps -> AsyncRows.rows(st.session(), bind.apply(ps))));
    }

    private CompletionStage<PreparedStatement> prepared(CqlSession s, String cql) {
        return statements.computeIfAbsent(cql, q -> s.prepareAsync(q).toCompletableFuture().whenComplete((ps, e) -> {
            if (e != null) {
                statements.remove(q);
            }
        }));
    }
}
