package io.leadstream.gateway.contacts;

import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.store.cassandra.table.AbTestWinnersTable;
import io.leadstream.store.cassandra.table.CampaignEmailStatsTable;
import io.leadstream.store.cassandra.table.CampaignEventStatsTable;
import io.leadstream.store.cassandra.table.ContactAliasesTable;
import io.leadstream.store.cassandra.table.ContactsTable;
import io.leadstream.store.cassandra.table.EmailLinkClicksTable;
import io.leadstream.store.cassandra.table.EmailReportDailyTable;
import io.leadstream.store.cassandra.table.EmailStatsDailyTable;
import io.leadstream.store.cassandra.table.EmailStatsTable;
import io.leadstream.store.cassandra.table.EventCountsTable;
import io.leadstream.store.cassandra.table.MembershipTables;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** Reads the counts the engine keeps (schema.cql): email stats, campaign step outcomes, segment and stage sizes. */
public final class StatsStore {
    private final ContactSession session;

    public StatsStore(ContactStore contacts) {
        this.session = contacts.session();
    }

    /** Every email's counts (one small row per email). */
    public CompletionStage<List<Row>> emails() {
        return session.rows(EmailStatsTable.SELECT_ALL);
    }

    /** One email's counts, or none before the engine counted anything of it. */
    public CompletionStage<Optional<Row>> email(String email) {
        return session.rows(EmailStatsTable.SELECT_BY_EMAIL_ID, email).thenApply(rows -> rows.stream().findFirst());
    }

    /** An email's report rows: every scope (the email's, its segment sends' segments) and day. */
    public CompletionStage<List<EmailReportDailyTable.Row>> emailReport(String email) {
        return session.rows(EmailReportDailyTable.SELECT_BY_EMAIL_ID, email).thenApply(rows -> rows.stream().map(EmailReportDailyTable.Row::from).toList());
    }

    /** An email's clicks per link. */
    public CompletionStage<List<EmailLinkClicksTable.Row>> emailLinks(String email) {
        return session.rows(EmailLinkClicksTable.SELECT_BY_EMAIL_ID, email)
                .thenApply(rows -> rows.stream().map(r -> EmailLinkClicksTable.Row.from(email, r)).toList());
    }

    /** An A/B test's winner, by its tested email, or none before a send worker decided it. */
    public CompletionStage<Optional<AbTestWinnersTable.Row>> abTestWinner(String email) {
        return session.rows(AbTestWinnersTable.SELECT_BY_EMAIL_ID, email).thenApply(rows -> rows.stream().findFirst().map(AbTestWinnersTable.Row::from));
    }

    /** One email's counts per UTC day from {@code from} on, newest first; days with nothing counted have no row. */
    public CompletionStage<List<Row>> emailDays(String email, LocalDate from) {
        return session.rows(EmailStatsDailyTable.SELECT_BY_EMAIL_ID_FROM_DAY, email, from);
    }

    /** Outcome counts per step of a campaign: (event_id, outcome, count). */
    public CompletionStage<List<Row>> campaignEvents(String campaign) {
        return session.rows(CampaignEventStatsTable.SELECT_BY_CAMPAIGN_ID, campaign);
    }

    /** Email counts per send step of a campaign. */
    public CompletionStage<List<Row>> campaignEmails(String campaign) {
        return session.rows(CampaignEmailStatsTable.SELECT_BY_CAMPAIGN_ID, campaign);
    }

    /** Minute rows of a UTC day, newest first: (minute, events), one per shard of contacts. */
    public CompletionStage<List<Row>> eventCounts(LocalDate day) {
        return session.rows(EventCountsTable.SELECT_BY_DAY, day);
    }

    /** Memberships kept over time: a segment's or a lifecycle stage's (members table, log of changes per day). */
    public enum Membership {
        SEGMENT(MembershipTables.SEGMENT),
        STAGE(MembershipTables.STAGE);

        final MembershipTables tables;

        Membership(MembershipTables tables) {
            this.tables = tables;
        }
    }

    /** The kinds (ENTERED, LEFT) of the membership changes of a segment or stage on a UTC day. */
    public CompletionStage<List<Row>> membershipChanges(Membership m, String id, LocalDate day) {
        return session.rows(m.tables.selectLogByIdAndDay(), id, day);
    }

    /**
     * Contacts and identified contacts: every row of {@code contacts} whose id was not merged into
     * another. A full scan of two tables, so the caller caches it; an engine-kept counter is the
     * way past a few million contacts.
     */
    public CompletionStage<long[]> contactCounts() {
        return session.rows(ContactAliasesTable.SELECT_DISTINCT_ALIAS_ID).thenCompose(aliases -> {
            Set<String> merged = new HashSet<>();
            aliases.forEach(r -> merged.add(r.getString(0)));
            return session.rows(ContactsTable.SELECT_CONTACT_ID_IDENTIFIED).thenApply(contacts -> {
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

    /** Members of a segment or stage now. */
    public CompletionStage<Long> size(Membership m, String id) {
        return session.rows(m.tables.countMembersById(), id)
                .thenApply(rows -> rows.isEmpty() ? 0L : rows.get(0).getLong(0));
    }
}
