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
