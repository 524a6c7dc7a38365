package io.leadstream.gateway.contacts;

import com.datastax.oss.driver.api.core.cql.Row;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
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
        return session.rows("SELECT * FROM {ks}.email_stats");
    }

    /** One email's counts per UTC day from {@code from} on, newest first; days with nothing counted have no row. */
    public CompletionStage<List<Row>> emailDays(String email, LocalDate from) {
        return session.rows("SELECT * FROM {ks}.email_stats_daily WHERE email_id = ? AND day >= ?", email, from);
    }

    /** Outcome counts per step of a campaign: (event_id, outcome, count). */
    public CompletionStage<List<Row>> campaignEvents(String campaign) {
        return session.rows("SELECT event_id, outcome, count FROM {ks}.campaign_event_stats WHERE campaign_id = ?", campaign);
    }

    /** Email counts per send step of a campaign. */
    public CompletionStage<List<Row>> campaignEmails(String campaign) {
        return session.rows("SELECT * FROM {ks}.campaign_email_stats WHERE campaign_id = ?", campaign);
    }

    /** Minute rows of a UTC day, newest first: (minute, events), one per shard of contacts. */
    public CompletionStage<List<Row>> eventCounts(LocalDate day) {
        return session.rows("SELECT minute, events FROM {ks}.event_counts WHERE day = ?", day);
    }

    /** Memberships kept over time: a segment's or a lifecycle stage's (members table, log of changes per day, id column). */
    public enum Membership {
        SEGMENT("segment_members", "segment_membership_log", "segment_id"),
        STAGE("stage_members", "stage_changes_log", "stage_id");

        final String members;
        final String log;
        final String idColumn;

        Membership(String members, String log, String idColumn) {
            this.members = members;
            this.log = log;
            this.idColumn = idColumn;
        }
    }

    /** The kinds (ENTERED, LEFT) of the membership changes of a segment or stage on a UTC day. */
    public CompletionStage<List<Row>> membershipChanges(Membership m, String id, LocalDate day) {
        return session.rows("SELECT kind FROM {ks}." + m.log + " WHERE " + m.idColumn + " = ? AND day = ?", id, day);
    }

    /**
     * Contacts and identified contacts: every row of {@code contacts} whose id was not merged into
     * another. A full scan of two tables, so the caller caches it; an engine-kept counter is the
     * way past a few million contacts.
     */
    public CompletionStage<long[]> contactCounts() {
        return session.rows("SELECT DISTINCT alias_id FROM {ks}.contact_aliases").thenCompose(aliases -> {
            Set<String> merged = new HashSet<>();
            aliases.forEach(r -> merged.add(r.getString(0)));
            return session.rows("SELECT contact_id, identified FROM {ks}.contacts").thenApply(contacts -> {
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
        return session.rows("SELECT COUNT(*) FROM {ks}." + m.members + " WHERE " + m.idColumn + " = ?", id)
                .thenApply(rows -> rows.isEmpty() ? 0L : rows.get(0).getLong(0));
    }
}
