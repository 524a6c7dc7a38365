package io.leadstream.jobs.segments;

/**
 * How far one subtask has got re-evaluating its contacts after a segment definition changed
 * (revision = the definition's offset in its topic). Reported when it starts, every
 * {@link #PROGRESS_EVERY} contacts, and when it is done. A Flink POJO.
 */
public class BackfillProgress {
    /** A backfill reports its progress every this many contacts. */
    public static final long PROGRESS_EVERY = 100_000;

    public String segmentId;
    public long revision;
    public int subtask;
    public int subtasks;
    public long contacts;
    public long startedAt;
    /** Null while running. */
    public Long finishedAt;

    public BackfillProgress() {}

    public BackfillProgress(String segmentId, long revision, int subtask, int subtasks, long startedAt) {
        this.segmentId = segmentId;
        this.revision = revision;
        this.subtask = subtask;
        this.subtasks = subtasks;
        this.startedAt = startedAt;
    }

    public BackfillProgress at(long contactsDone, Long finished) {
        BackfillProgress p = new BackfillProgress(segmentId, revision, subtask, subtasks, startedAt);
        p.contacts = contactsDone;
        p.finishedAt = finished;
        return p;
    }
}
