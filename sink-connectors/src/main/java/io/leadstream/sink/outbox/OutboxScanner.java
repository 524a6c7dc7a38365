package io.leadstream.sink.outbox;

import io.leadstream.store.cassandra.OutboxLayout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Predicate;

/**
 * Walks the due outbox minutes, from the oldest that still has work (at most the lookback ago) to
 * now, and hands every message not known done to a handler. One scanner feeds all the send
 * threads of a process: a pass reads each due row once, however many threads send.
 */
final class OutboxScanner {
    private final OutboxStore store;
    private final Clock clock;
    private final Duration lookback;
    private Instant cursor;

    OutboxScanner(OutboxStore store, Clock clock, Duration lookback) {
        this.store = store;
        this.clock = clock;
        this.lookback = lookback;
    }

    /**
     * One pass. {@code handle} returns whether the message is done with (then this process
     * remembers it); a minute with a message not done stays to be scanned again. Returns how many
     * messages were handed.
     */
    int pass(DoneMessages done, Predicate<OutboxMessage> handle) {
        Instant now = clock.instant();
        Instant last = OutboxLayout.bucket(now);
        Instant oldest = OutboxLayout.bucket(now.minus(lookback));
        Instant from = cursor == null || cursor.isBefore(oldest) ? oldest : cursor;
        Instant firstOpen = null;
        int handed = 0;
        for (Instant bucket = from; !bucket.isAfter(last); bucket = bucket.plus(1, ChronoUnit.MINUTES)) {
            boolean open = bucket.equals(last); // the current minute may still fill up
            for (int shard = 0; shard < OutboxLayout.SHARDS; shard++) {
                for (OutboxMessage m : store.due(bucket, shard, now)) {
                    if (done.contains(m.commandId())) {
                        continue;
                    }
                    handed++;
                    if (handle.test(m)) {
                        done.add(m.commandId());
                    } else {
                        open = true;
                    }
                }
            }
            if (open && firstOpen == null) {
                firstOpen = bucket;
            }
        }
        cursor = firstOpen == null ? last : firstOpen;
        return handed;
    }
}
