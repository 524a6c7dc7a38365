package io.leadstream.workers;

import io.leadstream.store.cassandra.OutboxLayout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Walks the due outbox minutes of the shards its process holds, from the oldest that still has work
 * (at most the lookback ago; for a shard just taken, from where its last holder's scan stood) to
 * now, and hands every message not known done, with its state and its recipient as read now, to a
 * handler. One scanner feeds all the send threads of a process: a pass reads each due row once,
 * and the states and recipients of a hundred messages at a time.
 */
final class OutboxScanner {
    /** What the scanner hands a message to. */
    @FunctionalInterface
    interface Handler {
        /** A message not done yet: returns whether it is done with now (then the process remembers it). */
        boolean handle(ScannedMessage m);
    }

    /** Messages whose states and recipients are read together. */
    private static final int CHUNK = 100;
    /**
     * How late a message may still be stored into a minute the scan already closed: one due at
     * 12:00:59.8 is written at 12:01:00.3, after the pass at 12:01:00.1 moved on. So for this long
     * into each minute, the end of the minute before is read again too (just its last this-long).
     */
    static final Duration SETTLE = Duration.ofSeconds(30);

    private final OutboxStore store;
    private final ShardLeases leases;
    private final Clock clock;
    private final Duration lookback;
    private final Map<Integer, Instant> cursors = new HashMap<>();

    OutboxScanner(OutboxStore store, ShardLeases leases, Clock clock, Duration lookback) {
        this.store = store;
        this.leases = leases;
        this.clock = clock;
        this.lookback = lookback;
    }

    /**
     * One pass over the shards held now. A minute with a message not done stays to be scanned
     * again. Returns how many messages were handed.
     */
    int pass(DoneMessages done, Handler handler) {
        Instant now = clock.instant();
        List<Integer> shards = leases.scannable();
        cursors.keySet().retainAll(shards); // a shard given back and taken again starts from where its holder left it
        Set<String> met = new HashSet<>();
        int handed = 0;
        for (int shard : shards) {
            ReentrantLock lock = leases.handing(shard);
            lock.lock();
            try {
                if (leases.scannable(shard)) {
                    handed += passShard(shard, now, done, met, handler);
                }
            } finally {
                lock.unlock();
            }
        }
        return handed;
    }

    private int passShard(int shard, Instant now, DoneMessages done, Set<String> met, Handler handler) {
        Instant last = OutboxLayout.bucket(now);
        Instant oldest = OutboxLayout.bucket(now.minus(lookback));
        Instant cursor = cursors.containsKey(shard) ? cursors.get(shard) : takenOver(shard);
        Instant from = cursor == null || cursor.isBefore(oldest) ? oldest : cursor;
        Instant firstOpen = null;
        int handed = 0;
        Instant previous = last.minus(1, ChronoUnit.MINUTES);
        if (from.isAfter(previous) && now.isBefore(last.plus(SETTLE))) {
            List<OutboxMessage> late = notDone(store.due(previous, shard, last.minus(SETTLE), now), done, met);
            if (!handAll(late, done, handler)) {
                firstOpen = previous; // not all done: the whole minute is scanned again
            }
            handed += late.size();
        }
        for (Instant bucket = from; !bucket.isAfter(last); bucket = bucket.plus(1, ChronoUnit.MINUTES)) {
            List<OutboxMessage> due = notDone(store.due(bucket, shard, now), done, met);
            boolean open = !handAll(due, done, handler) | bucket.equals(last); // the current minute may still fill up
            handed += due.size();
            if (open && firstOpen == null) {
                firstOpen = bucket;
            }
        }
        Instant next = firstOpen == null ? last : firstOpen;
        if (!next.equals(cursor)) {
            store.saveScanCursor(shard, next); // once a minute a shard: for the process that takes the shard next
        }
        cursors.put(shard, next);
        return handed;
    }

    /**
     * Where the scan of a shard this process just took starts: a minute before where its last
     * holder's scan stood (a send written as that holder stopped may be filed in the minute before:
     * {@link OutboxLayout#filedDue}), or, with no record, the whole lookback.
     */
    private Instant takenOver(int shard) {
        Instant stood = store.scanCursor(shard);
        return stood == null ? null : stood.minus(1, ChronoUnit.MINUTES);
    }

    /**
     * The messages not known done and not met before in this pass. A send the engine wrote twice
     * (it filed a late one under its write time, then wrote it again after a restore) has two rows:
     * handed both with the states read before either went, a send thread would send it twice. The
     * next pass reads the state the first one left.
     */
    private static List<OutboxMessage> notDone(List<OutboxMessage> messages, DoneMessages done, Set<String> met) {
        return messages.stream().filter(m -> !done.contains(m.commandId()) && met.add(m.commandId())).toList();
    }

    /** Hands the messages a chunk at a time; true when all of them are done with. */
    private boolean handAll(List<OutboxMessage> messages, DoneMessages done, Handler handler) {
        boolean all = true;
        for (int i = 0; i < messages.size(); i += CHUNK) {
            all &= hand(messages.subList(i, Math.min(messages.size(), i + CHUNK)), done, handler);
        }
        return all;
    }

    /** Hands a chunk of messages with their states and recipients; true when all of them are done with. */
    private boolean hand(List<OutboxMessage> chunk, DoneMessages done, Handler handler) {
        Map<String, DeliveryState> states = store.states(chunk.stream().map(OutboxMessage::commandId).toList());
        List<OutboxMessage> open = new ArrayList<>();
        for (OutboxMessage m : chunk) {
            DeliveryState seen = states.get(m.commandId());
            if (seen != null && seen.done()) {
                done.add(m.commandId()); // done by this process before, or by the shard's last holder: nothing to hand
            } else {
                open.add(m);
            }
        }
        Map<String, Recipient> recipients = store.recipients(open.stream().map(OutboxMessage::contactId).toList());
        boolean allDone = true;
        for (OutboxMessage m : open) {
            Recipient r = recipients.getOrDefault(m.contactId(), Recipient.unknown(m.contactId()));
            if (handler.handle(new ScannedMessage(m, states.get(m.commandId()), r))) {
                done.add(m.commandId());
            } else {
                allDone = false;
            }
        }
        return allDone;
    }
}
