package io.leadstream.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.store.cassandra.OutboxLayout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** How worker processes share the outbox shards: their share, giving back, taking over a dead process's shards. */
class ShardLeasesTest {
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final MovingClock clock = new MovingClock();
    private final MemoryLeaseStore store = new MemoryLeaseStore(clock);

    @Test
    void aProcessAloneHoldsEveryShardAndGivesHalfBackWhenAnotherJoins() {
        ShardLeases a = new ShardLeases("a", store, clock, LEASE);
        a.maintain();
        assertThat(a.scannable()).hasSize(OutboxLayout.SHARDS);

        ShardLeases b = new ShardLeases("b", store, clock, LEASE);
        b.maintain();
        assertThat(b.scannable()).as("nothing free yet").isEmpty();
        a.handed(a.scannable().get(0)); // a message of one shard in a send thread's hands
        a.maintain();
        assertThat(a.scannable()).as("a scans only its share now").hasSize(OutboxLayout.SHARDS / 2);
        b.maintain();
        assertThat(b.scannable()).as("the idle shards a gave back, at once").hasSize(OutboxLayout.SHARDS / 2 - 1);

        int inHand = store.leases().entrySet().stream().filter(e -> e.getValue().owner().equals("a") && e.getValue().until().isAfter(clock.instant()))
                .map(Map.Entry::getKey).filter(s -> !a.scannable().contains(s)).findFirst().orElseThrow();
        assertThat(a.mayCommit(inHand)).as("the shard in hand is still a's to finish").isTrue();
        a.returned(inHand);
        a.maintain();
        b.maintain();
        assertThat(b.scannable()).hasSize(OutboxLayout.SHARDS / 2).doesNotContainAnyElementsOf(a.scannable());
        assertThat(a.mayCommit(inHand)).isFalse();
    }

    @Test
    void aDeadProcesssShardsAreTakenOverAfterItsLeasePlusTheGrace() {
        ShardLeases dead = new ShardLeases("dead", store, clock, LEASE);
        dead.maintain();
        ShardLeases alive = new ShardLeases("alive", store, clock, LEASE);
        alive.maintain();
        assertThat(alive.scannable()).isEmpty();

        clock.advance(LEASE.minus(LEASE.dividedBy(3)));
        assertThat(dead.mayCommit(0)).as("within a third of its end, a lease commits nothing more").isFalse();
        assertThat(dead.holds(0)).as("but it still runs").isTrue();

        clock.advance(LEASE.dividedBy(3).plusMillis(1)); // run out, and the dead process's roll entry with it
        alive.maintain();
        assertThat(alive.scannable()).as("not before the grace period").isEmpty();
        clock.advance(LEASE.dividedBy(10));
        alive.maintain();
        assertThat(alive.scannable()).hasSize(OutboxLayout.SHARDS);
        assertThat(dead.holds(0)).isFalse();

        dead.maintain(); // it was only stalled: it finds its shards gone and takes none back
        assertThat(dead.scannable()).isEmpty();
    }

    /** Leases kept in memory with the conditions Cassandra's lightweight transactions check. */
    private static final class MemoryLeaseStore implements LeaseStore {
        private final Map<Integer, Lease> leases = new HashMap<>();
        private final Map<String, Instant> alive = new HashMap<>();
        private final Clock clock;

        MemoryLeaseStore(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Map<Integer, Lease> leases() {
            return Map.copyOf(leases);
        }

        @Override
        public boolean take(int shard, String owner, Instant until) {
            return leases.putIfAbsent(shard, new Lease(owner, until)) == null;
        }

        @Override
        public boolean takeOver(int shard, String owner, Instant until, Lease seen) {
            if (!Objects.equals(leases.get(shard), seen)) {
                return false;
            }
            leases.put(shard, new Lease(owner, until));
            return true;
        }

        @Override
        public boolean renew(int shard, String owner, Instant until) {
            Lease l = leases.get(shard);
            if (l == null || !l.owner().equals(owner)) {
                return false;
            }
            leases.put(shard, new Lease(owner, until));
            return true;
        }

        @Override
        public void alive(String process, Instant now, Duration ttl) {
            alive.put(process, now.plus(ttl));
        }

        @Override
        public int processes() {
            return (int) alive.values().stream().filter(until -> until.isAfter(clock.instant())).count();
        }
    }
}
