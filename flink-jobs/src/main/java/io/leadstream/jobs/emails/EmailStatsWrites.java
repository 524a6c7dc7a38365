package io.leadstream.jobs.emails;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.leadstream.sink.cassandra.CassandraWriteMapper;
import io.leadstream.store.cassandra.table.CampaignEmailStatsTable;
import io.leadstream.store.cassandra.table.EmailLinkClicksTable;
import io.leadstream.store.cassandra.table.EmailReportDailyTable;
import io.leadstream.store.cassandra.table.EmailStatsDailyTable;
import io.leadstream.store.cassandra.table.EmailStatsTable;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/**
 * A scope's totals → its row of {@code email_stats}, {@code email_stats_daily} and {@code email_report_daily}, {@code campaign_email_stats}
 * or {@code email_link_clicks}, timestamped by their version.
 */
public final class EmailStatsWrites implements CassandraWriteMapper<EmailStatsRow> {
    private static final long serialVersionUID = 1L;

    @Override
    public List<String> cqls() {
        return List.of(EmailStatsTable.INSERT, CampaignEmailStatsTable.INSERT, EmailStatsDailyTable.INSERT, EmailReportDailyTable.INSERT,
                EmailLinkClicksTable.INSERT);
    }

    @Override
    public void write(List<PreparedStatement> prepared, EmailStatsRow r, Consumer<Statement<?>> out) {
        EmailCounts c = r.counts;
        if (r.url != null) {
            out.accept(CassandraWriteMapper.bind(prepared.get(4), new EmailLinkClicksTable.Row(r.emailId, r.url, c.clicks, c.uniqueClicks).values(r.version)));
        } else if (r.segmentId != null) {
            if (r.day != EmailStatsRow.ALL_DAYS) { // a segment's totals are its days'
                out.accept(report(prepared.get(3), r, EmailReportDailyTable.SEGMENT, r.segmentId));
            }
        } else if (r.day != EmailStatsRow.ALL_DAYS) {
            out.accept(CassandraWriteMapper.bind(prepared.get(2), new EmailStatsDailyTable.Row(r.emailId, LocalDate.ofEpochDay(r.day), c.sent, c.delivered,
                    c.opens, c.uniqueOpens, c.clicks, c.uniqueClicks, c.bounced, c.unsubscribed, c.failed, c.suppressed, c.queued).values(r.version)));
            out.accept(report(prepared.get(3), r, EmailReportDailyTable.EMAIL, ""));
        } else if (r.campaignId == null) {
            out.accept(CassandraWriteMapper.bind(prepared.get(0), new EmailStatsTable.Row(r.emailId, c.sent, c.delivered, c.opens, c.uniqueOpens, c.clicks,
                    c.uniqueClicks, c.bounced, c.unsubscribed, c.failed, c.suppressed, c.queued).values(r.version)));
        } else {
            out.accept(CassandraWriteMapper.bindPresent(prepared.get(1), new CampaignEmailStatsTable.Row(r.campaignId, r.campaignEventId, r.emailId, c.sent,
                    c.delivered, c.opens, c.uniqueOpens, c.clicks, c.uniqueClicks, c.bounced, c.unsubscribed, c.failed, c.suppressed, c.queued).values(r.version)));
        }
    }

    private static Statement<?> report(PreparedStatement insert, EmailStatsRow r, String scope, String key) {
        EmailCounts c = r.counts;
        return CassandraWriteMapper.bind(insert, new EmailReportDailyTable.Row(r.emailId, scope, key, LocalDate.ofEpochDay(r.day), c.sent, c.delivered,
                c.opens, c.uniqueOpens, c.clicks, c.uniqueClicks, c.unsubscribed, c.hardBounced, c.bounced - c.hardBounced, c.failed, c.suppressed,
                c.suppressedBy(), c.queued).values(r.version));
    }
}
