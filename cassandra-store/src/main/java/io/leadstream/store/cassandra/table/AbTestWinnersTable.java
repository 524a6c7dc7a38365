package io.leadstream.store.cassandra.table;

import java.time.Instant;
import java.util.Map;

/** An A/B test's winner, by the tested email (variant A): written once, by whoever decides it first. */
public final class AbTestWinnersTable {
    public static final String NAME = "ab_test_winners";

    /** The winner, if decided: {@link Row}. */
    public static final String SELECT_BY_EMAIL_ID = "SELECT email_id, winner, criterion, decided_at, scores FROM {ks}.ab_test_winners WHERE email_id = ?";
    /** The decision, unless another was written first: its answer's row is then the one that stands. */
    public static final String INSERT_IF_NOT_EXISTS = "INSERT INTO {ks}.ab_test_winners (email_id, winner, criterion, decided_at, scores)"
            + " VALUES (?, ?, ?, ?, ?) IF NOT EXISTS";

    private AbTestWinnersTable() {}

    public record Row(String emailId, String winner, String criterion, Instant decidedAt, Map<String, Double> scores) {
        public static Row from(com.datastax.oss.driver.api.core.cql.Row r) {
            return new Row(r.getString("email_id"), r.getString("winner"), r.getString("criterion"), r.getInstant("decided_at"),
                    r.getMap("scores", String.class, Double.class));
        }

        public Object[] values() {
            return new Object[] {emailId, winner, criterion, decidedAt, scores};
        }
    }
}
