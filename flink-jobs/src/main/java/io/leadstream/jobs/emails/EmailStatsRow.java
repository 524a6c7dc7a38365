package io.leadstream.jobs.emails;

/** A scope's stats as they stand, with the version they were counted at (the write timestamp). A Flink POJO. */
public class EmailStatsRow {
    public String emailId;
    public String campaignId;
    public String campaignEventId;
    public EmailCounts counts;
    public long version;

    public EmailStatsRow() {}

    EmailStatsRow(EmailStatsDelta scope, EmailCounts counts, long version) {
        this.emailId = scope.emailId;
        this.campaignId = scope.campaignId;
        this.campaignEventId = scope.campaignEventId;
        this.counts = counts;
        this.version = version;
    }
}
