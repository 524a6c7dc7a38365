package io.leadstream.jobs.campaigns;

/** One thing a dry run saw the campaign do: a send, or a log entry (counted into the stats). A Flink POJO. */
public class DryRunLine {
    public boolean send;
    public String contactId;
    public String eventId;
    /** A send's channel and email id or URL; a log entry's outcome. */
    public String what;
    public long time;

    public DryRunLine() {}

    DryRunLine(boolean send, String contactId, String eventId, String what, long time) {
        this.send = send;
        this.contactId = contactId;
        this.eventId = eventId;
        this.what = what;
        this.time = time;
    }
}
