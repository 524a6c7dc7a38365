package io.leadstream.workers;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.common.email.AbTests;
import io.leadstream.email.EmailDefinition;
import io.leadstream.store.cassandra.table.AbTestWinnersTable;
import io.leadstream.store.cassandra.table.EmailStatsTable;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The winner of an A/B test, decided when a send to the test's rest first needs it (the rest falls due
 * when the test period is over): each variant's figure on the test's criterion from its email stats,
 * the best winning (the first listed, variant A, on a tie). The first decision is written with a
 * lightweight transaction, so every worker, now or after a restart, sends the same winner.
 */
final class AbTestWinners {
    private static final Logger LOG = LoggerFactory.getLogger(AbTestWinners.class);

    private final CqlSession session;
    private final PreparedStatement read;
    private final PreparedStatement decide;
    private final PreparedStatement stats;
    private final Clock clock;
    private final Map<String, String> known = new ConcurrentHashMap<>();

    AbTestWinners(CqlSession session, String ks, Clock clock) {
        this.session = session;
        this.read = session.prepare(AbTestWinnersTable.SELECT_BY_EMAIL_ID.replace("{ks}", ks));
        this.decide = session.prepare(AbTestWinnersTable.INSERT_IF_NOT_EXISTS.replace("{ks}", ks));
        this.stats = session.prepare(EmailStatsTable.SELECT_BY_EMAIL_ID.replace("{ks}", ks));
        this.clock = clock;
    }

    /** The winner among {@code variants} (the tested email first) of {@code tested}'s test. */
    String winner(EmailDefinition tested, List<EmailFamilies.Variant> variants) {
        String winner = known.get(tested.id());
        if (winner != null) {
            return winner;
        }
        Row stored = session.execute(read.bind(tested.id())).one();
        if (stored != null) {
            winner = stored.getString("winner");
        } else {
            String criterion = tested.abTest() == null ? "open-rate" : tested.abTest().path("criterion").asText("open-rate");
            Map<String, Double> scores = new LinkedHashMap<>();
            for (EmailFamilies.Variant v : variants) {
                Row r = session.execute(stats.bind(v.emailId())).one();
                EmailStatsTable.Row st = r == null ? null : EmailStatsTable.Row.from(r);
                scores.put(v.emailId(), st == null ? 0.0 : AbTests.score(criterion, st.delivered(), st.uniqueOpens(), st.uniqueClicks()));
            }
            String best = variants.get(0).emailId();
            for (Map.Entry<String, Double> e : scores.entrySet()) {
                if (e.getValue() > scores.get(best)) {
                    best = e.getKey();
                }
            }
            ResultSet written = session.execute(decide.bind(new AbTestWinnersTable.Row(tested.id(), best, criterion, clock.instant(), scores).values()));
            winner = written.wasApplied() ? best : written.one().getString("winner");
            if (written.wasApplied()) { // another thread or worker may have decided at the same moment: its decision stands
                LOG.info("A/B test of email {} decided on {}: {} wins ({})", tested.id(), criterion, winner, scores);
            }
        }
        known.put(tested.id(), winner);
        return winner;
    }
}
