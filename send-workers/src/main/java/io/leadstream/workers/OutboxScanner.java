package io.leadstream.workers;

import io.leadstream.common.kafka.KafkaKeys;
import io.leadstream.store.cassandra.OutboxLayout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The send workers' reconciliation: the outbox is the durable record of every send, and the Kafka
 * consumers deliver almost all of them; this slow scan finds the rest (a command whose Kafka record
 * came before the engine wrote it, or never came; a retry that fell due; a message a dead worker
 * left committing). For each send-commands partition its process owns, it walks the due outbox
 * minutes of the partition's contacts ({@link OutboxLayout#shardsOf}) from the oldest that still
 * has work (at most the lookback ago; for a partition just taken, from a minute before where its
 * last owner's scan stood) to now, and hands every message not known done and not in the process's
 * hands already to a handler. Whoever owns the partition scans it, so a contact's messages still go
 * to one send thread of one process.
 */
final class OutboxScanner {
    /** What the scanner hands a message to. */
    @FunctionalInterface
    interface Handler {
        /** A message not done yet: returns whether it is done with now (then the process remembers it). */
        boolean handle(OutboxMessage m);
    }

    /** Minutes read in one request. */
    private static final int SPAN = 60;
    /** Messages whose states are read together. */
    private static final int CHUNK = 100;
    /**
     * How late a message may still be stored into a minute the scan already closed: one due at
     * 12:00:59.8 is written at 12:01:00.3, after a pass at 12:01:00.1 moved on. So for this long
     * into each minute, the end of the minute before is read again too (just its last this-long).
     */
    static final Duration SETTLE = Duration.ofSeconds(30);

    private final OutboxStore store;
    private final Clock clock;
    private final Duration lookback;
    private final Duration ahead;
    private final Map<Integer, Instant> cursors = new HashMap<>();
    private int cursorsOf;

    /** {@code ahead}: a message waiting for a retry later than this from now is not handed (a later pass hands it). */
    OutboxScanner(OutboxStore store, Clock clock, Duration lookback, Duration ahead) {
        this.store = store;
        this.clock = clock;
        this.lookback = lookback;
        this.ahead = ahead;
    }

    /**
     * One pass over the contacts of the partitions {@code owned} (of {@code partitions}). A minute
     * with a message not done stays to be scanned again. Returns how many messages were handed.
     */
    int pass(Collection<Integer> owned, int partitions, DoneMessages done, Predicate<String> inHand, Handler handler) {
        Instant now = clock.instant();
        if (partitions != cursorsOf) {
            cursors.clear(); // the topic was given more partitions: its contacts moved
            cursorsOf = partitions;
        }
        cursors.keySet().retainAll(owned); // a partition given up and taken again starts from where its last owner left it
        Set<String> met = new HashSet<>();
        int handed = 0;
        for (int partition : owned) {
            handed += passPartition(partition, partitions, now, done, met, inHand, handler);
        }
        return handed;
    }

    private int passPartition(int partition, int partitions, Instant now, DoneMessages done, Set<String> met, Predicate<String> inHand,
                              Handler handler) {
        Instant last = OutboxLayout.bucket(now);
        Instant oldest = OutboxLayout.bucket(now.minus(lookback));
        Instant cursor = cursors.containsKey(partition) ? cursors.get(partition) : takenOver(partition, partitions);
        Instant from = cursor == null || cursor.isBefore(oldest) ? oldest : cursor;
        List<Integer> shards = OutboxLayout.shardsOf(partition, partitions);
        Instant firstOpen = null;
        int handed = 0;
        Instant previous = last.minus(1, ChronoUnit.MINUTES);
        if (from.isAfter(previous) && now.isBefore(last.plus(SETTLE))) {
            List<OutboxMessage> late = notDone(due(List.of(previous), shards, last.minus(SETTLE), now, partition, partitions)
                    .getOrDefault(previous, List.of()), done, met);
            if (!handAll(late, done, inHand, handler)) {
                firstOpen = previous; // not all done: the whole minute is scanned again
            }
            handed += late.size();
        }
        List<Instant> buckets = new ArrayList<>();
        for (Instant bucket = from; !bucket.isAfter(last); bucket = bucket.plus(1, ChronoUnit.MINUTES)) {
            buckets.add(bucket);
        }
        for (int i = 0; i < buckets.size(); i += SPAN) {
            List<Instant> span = buckets.subList(i, Math.min(buckets.size(), i + SPAN));
            Map<Instant, List<OutboxMessage>> byBucket = due(span, shards, span.get(0), now, partition, partitions);
            for (Instant bucket : span) {
                List<OutboxMessage> due = notDone(byBucket.getOrDefault(bucket, List.of()), done, met);
                boolean open = !handAll(due, done, inHand, handler) | bucket.equals(last); // the current minute may still fill up
                handed += due.size();
                if (open && firstOpen == null) {
                    firstOpen = bucket;
                }
            }
        }
        Instant next = firstOpen == null ? last : firstOpen;
        if (!next.equals(cursor)) {
            store.saveScanCursor(partition, partitions, next); // once a minute a partition: for the process that takes it next
        }
        cursors.put(partition, next);
        return handed;
    }

    /**
     * The messages of the partition's contacts due in the minutes, by minute, from their shards
     * (which, unless the partitions divide them, hold others too).
     */
    private Map<Instant, List<OutboxMessage>> due(List<Instant> buckets, List<Integer> shards, Instant since, Instant now, int partition,
                                                 int partitions) {
        Map<Instant, List<OutboxMessage>> out = new HashMap<>();
        for (int shard : shards) {
            for (OutboxMessage m : store.due(buckets, shard, since, now)) {
                if (KafkaKeys.partition(m.contactId(), partitions) == partition) {
                    out.computeIfAbsent(OutboxLayout.bucket(m.due()), b -> new ArrayList<>()).add(m);
                }
            }
        }
        return out;
    }

    /**
     * Where the scan of a partition this process just took starts: a minute before where its last
     * owner's scan stood (a send written as that owner stopped may be filed in the minute before:
     * {@link OutboxLayout#filedDue}), or, with no record, the whole lookback.
     */
    private Instant takenOver(int partition, int partitions) {
        Instant stood = store.scanCursor(partition, partitions);
        return stood == null ? null : stood.minus(1, ChronoUnit.MINUTES);
    }

    /**
     * The messages not known done and not met before in this pass. A send the engine wrote twice
     * (it filed a late one under its write time, then wrote it again after a restore) has two rows:
     * handed both with the states read before either went, a send thread would try it twice. The
     * next pass reads the state the first one left.
     */
    private static List<OutboxMessage> notDone(List<OutboxMessage> messages, DoneMessages done, Set<String> met) {
        return messages.stream().filter(m -> !done.contains(m.commandId()) && met.add(m.commandId())).toList();
    }

    /** Hands the messages a chunk at a time; true when all of them are done with. */
    private boolean handAll(List<OutboxMessage> messages, DoneMessages done, Predicate<String> inHand, Handler handler) {
        boolean all = true;
        for (int i = 0; i < messages.size(); i += CHUNK) {
            all &= hand(messages.subList(i, Math.min(messages.size(), i + CHUNK)), done, inHand, handler);
        }
        return all;
    }

    /** Hands the chunk's messages that are not done and not in hand (the consumer has them, or an earlier pass); true when all are done with. */
    private boolean hand(List<OutboxMessage> chunk, DoneMessages done, Predicate<String> inHand, Handler handler) {
        Map<String, DeliveryState> states = store.states(chunk.stream().map(OutboxMessage::commandId).toList());
        Instant horizon = clock.instant().plus(ahead);
        boolean allDone = true;
        for (OutboxMessage m : chunk) {
            DeliveryState seen = states.get(m.commandId());
            if (seen != null && seen.done()) {
                done.add(m.commandId()); // done by this process or another: nothing to hand
            } else if (seen != null && seen.waiting(horizon) || inHand.test(m.commandId()) || !handler.handle(m)) {
                allDone = false;
            } else {
                done.add(m.commandId());
            }
        }
        return allDone;
    }
}
