package io.leadstream.jobs.emails;

/**
 * A scope's stats as they stand, with the version they were counted at (the write timestamp), or,
 * for an email's scope, those of one UTC day ({@code day}, an epoch day; {@link #ALL_DAYS} for the
 * totals). A Flink POJO.
 */
public class EmailStatsRow {
    public static final long ALL_DAYS = Long.MIN_VALUE;
    public String emailId;
    public String campaignId;
    public String campaignEventId;
    public String segmentId;
    public String url;
    public EmailCounts counts;
    public long version;
    public long day = ALL_DAYS;

    public EmailStatsRow() {}

    EmailStatsRow(EmailStatsDelta scope, EmailCounts counts, long version, long day) {
        this(scope, counts, version);
        this.day = day;
    }

    EmailStatsRow(EmailStatsDelta scope, EmailCounts counts, long version) {
        this.emailId = scope.emailId;
        this.campaignId = scope.campaignId;
        this.campaignEventId = scope.campaignEventId;
        this.segmentId = scope.segmentId;
        this.url = scope.url;
        this.counts = counts;
        this.version = version;
    }
}
