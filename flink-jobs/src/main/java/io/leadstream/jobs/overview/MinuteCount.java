package io.leadstream.jobs.overview;

/** Events of one minute (event time, UTC) in one shard, counted so far. A Flink POJO. */
public final class MinuteCount {
    public long minute;
    public int shard;
    public long events;

    public MinuteCount() {}

    public MinuteCount(long minute, int shard, long events) {
        this.minute = minute;
        this.shard = shard;
        this.events = events;
    }
}
