package io.leadstream.workers;

import io.leadstream.store.cassandra.OutboxLayout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox shards one worker process holds. A process holds its share (the shards over the live
 * processes, rounded up) under leases taken and renewed by lightweight transactions; only the
 * holder of a shard delivers its messages, so per-message state needs no transactions. A lapsed
 * lease is taken over a grace period after it ran out (covering clocks that disagree by less than
 * that); a process over its share gives shards back once none of their messages is in its hands.
 *
 * <p>A send commits a message only while its shard's lease has at least the margin to run, and
 * checks after writing the committing mark that the lease still runs: a process that stalls
 * longer than the margin in between cannot commit a message its shard's next holder may also send.
 */
final class ShardLeases {
    private static final Logger LOG = LoggerFactory.getLogger(ShardLeases.class);
    private static final Duration ROUND = Duration.ofMillis(200);

    private final String process;
    private final LeaseStore store;
    private final Clock clock;
    private final Duration lease;
    private final Duration margin;
    private final Duration grace;
    private final Map<Integer, Instant> held = new ConcurrentHashMap<>();
    private final Set<Integer> givingBack = ConcurrentHashMap.newKeySet();
    private final AtomicInteger[] inHand = new AtomicInteger[OutboxLayout.SHARDS];
    private final ReentrantLock[] handing = new ReentrantLock[OutboxLayout.SHARDS];
    private Instant lastAlive;

    ShardLeases(String process, LeaseStore store, Clock clock, Duration lease) {
        this.process = process;
        this.store = store;
        this.clock = clock;
        this.lease = lease;
        this.margin = lease.dividedBy(3);
        this.grace = lease.dividedBy(10);
        for (int s = 0; s < OutboxLayout.SHARDS; s++) {
            inHand[s] = new AtomicInteger();
            handing[s] = new ReentrantLock();
        }
    }

    /** How often {@link #maintain()} should run: often, so shards move quickly when processes come and go; renewals are rarer. */
    Duration roundEvery() {
        Duration renew = renewEvery();
        return renew.compareTo(ROUND) < 0 ? renew : ROUND;
    }

    /** How often a lease is renewed: well within the margin. */
    private Duration renewEvery() {
        return lease.dividedBy(6);
    }

    /** The shards to scan now: held, and not being given back. */
    List<Integer> scannable() {
        List<Integer> out = new ArrayList<>();
        for (int s = 0; s < OutboxLayout.SHARDS; s++) {
            if (scannable(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Checked again under {@link #handing}: the shard may have been given back since the pass began. */
    boolean scannable(int shard) {
        return held.containsKey(shard) && !givingBack.contains(shard);
    }

    /** Whether a message of {@code shard} may be committed now: the lease runs for the margin at least. */
    boolean mayCommit(int shard) {
        Instant until = held.get(shard);
        return until != null && clock.instant().plus(margin).isBefore(until);
    }

    /** Whether the lease on {@code shard} still runs: checked after the committing mark is written. */
    boolean holds(int shard) {
        Instant until = held.get(shard);
        return until != null && clock.instant().isBefore(until);
    }

    /** Held while the scanner hands a shard's messages out, so a shard is never given back mid-hand. */
    ReentrantLock handing(int shard) {
        return handing[shard];
    }

    /** A message of {@code shard} handed to a send thread. */
    void handed(int shard) {
        inHand[shard].incrementAndGet();
    }

    /** A send thread is done with a message of {@code shard}. */
    void returned(int shard) {
        inHand[shard].decrementAndGet();
    }

    /**
     * One round: say this process is alive and renew its leases (when due), give back what is over
     * its share, take free shards up to it.
     */
    void maintain() {
        Instant now = clock.instant();
        Instant renewBefore = now.plus(lease).minus(renewEvery());
        if (lastAlive == null || !lastAlive.isAfter(now.minus(renewEvery()))) {
            store.alive(process, now, lease);
            lastAlive = now;
        }
        for (Map.Entry<Integer, Instant> e : List.copyOf(held.entrySet())) {
            if (e.getValue().isAfter(renewBefore)) {
                continue;
            }
            int s = e.getKey();
            if (store.renew(s, process, now.plus(lease))) {
                held.put(s, now.plus(lease));
            } else {
                LOG.warn("Worker process {} lost outbox shard {}: another process holds it now", process, s);
                held.remove(s);
                givingBack.remove(s);
            }
        }
        int processes = Math.max(1, store.processes());
        int share = (OutboxLayout.SHARDS + processes - 1) / processes;
        giveBackOver(share);
        if (held.size() < share) {
            takeUpTo(share, now);
        }
    }

    private void giveBackOver(int share) {
        if (held.size() <= share) {
            givingBack.clear(); // a process left since: keep them after all
        }
        int over = held.size() - share - givingBack.size();
        for (Integer s : held.keySet()) {
            if (over > 0 && givingBack.add(s)) {
                over--;
            }
        }
        for (Integer s : List.copyOf(givingBack)) {
            ReentrantLock lock = handing[s];
            if (!lock.tryLock()) {
                continue; // the scanner is handing its messages out: next round
            }
            try {
                if (inHand[s].get() == 0) {
                    store.renew(s, process, Instant.EPOCH); // lapsed at once: the next process takes it without waiting
                    held.remove(s);
                    givingBack.remove(s);
                    LOG.info("Worker process {} gave outbox shard {} back ({} over its share of {})", process, s, held.size(), share);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void takeUpTo(int share, Instant now) {
        Map<Integer, LeaseStore.Lease> leases = store.leases();
        int start = Math.floorMod(process.hashCode(), OutboxLayout.SHARDS); // processes starting together try different shards first
        for (int i = 0; i < OutboxLayout.SHARDS && held.size() < share; i++) {
            int s = (start + i) % OutboxLayout.SHARDS;
            LeaseStore.Lease seen = leases.get(s);
            Instant until = now.plus(lease);
            boolean taken;
            if (seen == null) {
                taken = store.take(s, process, until);
            } else if (seen.until() == null || seen.until().plus(grace).isBefore(now)) {
                taken = store.takeOver(s, process, until, seen);
            } else {
                taken = false;
            }
            if (taken) {
                held.put(s, until);
                LOG.info("Worker process {} took outbox shard {}", process, s);
            }
        }
    }

    /** Gives every shard back (a clean stop), so other processes take them at once. */
    void release() {
        for (Integer s : List.copyOf(held.keySet())) {
            try {
                store.renew(s, process, Instant.EPOCH);
            } catch (RuntimeException e) {
                LOG.debug("Giving back outbox shard {} failed; its lease lapses instead: {}", s, e.toString());
            }
            held.remove(s);
        }
    }
}
