package io.leadstream.jobs.emails;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.leadstream.sink.cassandra.CassandraWriteMapper;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/** A scope's totals → its row of {@code email_stats}, {@code email_stats_daily} or {@code campaign_email_stats}, timestamped by their version. */
public final class EmailStatsWrites implements CassandraWriteMapper<EmailStatsRow> {
    private static final long serialVersionUID = 1L;
    private static final String COUNTS = "sent, delivered, opens, unique_opens, clicks, unique_clicks, bounced, unsubscribed, failed, suppressed";

    @Override
    public List<String> cqls() {
        return List.of(
                "INSERT INTO {ks}.email_stats (email_id, " + COUNTS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?",
                "INSERT INTO {ks}.campaign_email_stats (campaign_id, event_id, email_id, " + COUNTS + ")"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?",
                "INSERT INTO {ks}.email_stats_daily (email_id, day, " + COUNTS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?");
    }

    @Override
    public void write(List<PreparedStatement> prepared, EmailStatsRow r, Consumer<Statement<?>> out) {
        EmailCounts c = r.counts;
        if (r.day != EmailStatsRow.ALL_DAYS) {
            out.accept(CassandraWriteMapper.bind(prepared.get(2), r.emailId, LocalDate.ofEpochDay(r.day), c.sent, c.delivered, c.opens, c.uniqueOpens, c.clicks,
                    c.uniqueClicks, c.bounced, c.unsubscribed, c.failed, c.suppressed, r.version));
        } else if (r.campaignId == null) {
            out.accept(CassandraWriteMapper.bind(prepared.get(0), r.emailId, c.sent, c.delivered, c.opens, c.uniqueOpens, c.clicks, c.uniqueClicks, c.bounced,
                    c.unsubscribed, c.failed, c.suppressed, r.version));
        } else {
            out.accept(CassandraWriteMapper.bindPresent(prepared.get(1), r.campaignId, r.campaignEventId, r.emailId, c.sent, c.delivered, c.opens,
                    c.uniqueOpens, c.clicks, c.uniqueClicks, c.bounced, c.unsubscribed, c.failed, c.suppressed, r.version));
        }
    }
}
