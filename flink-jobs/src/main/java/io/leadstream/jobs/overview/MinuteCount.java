package io.leadstream.jobs.overview;

/** Events of one minute (event time, UTC), counted so far. A Flink POJO. */
public final class MinuteCount {
    public long minute;
    public long events;

    public MinuteCount() {}

    public MinuteCount(long minute, long events) {
        this.minute = minute;
        this.events = events;
    }
}
