package io.leadstream.workers;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The shard leases in {@code outbox_leases}, changed only by lightweight transactions, and the roll
 * of live worker processes in {@code outbox_workers}, rows with a TTL.
 */
final class CassandraLeaseStore implements LeaseStore {
    private final CqlSession session;
    private final PreparedStatement leases;
    private final PreparedStatement take;
    private final PreparedStatement takeOver;
    private final PreparedStatement renew;
    private final PreparedStatement alive;
    private final PreparedStatement processes;

    CassandraLeaseStore(CqlSession session, String ks) {
        this.session = session;
        leases = session.prepare("SELECT shard, owner, lease_until FROM " + ks + ".outbox_leases");
        take = session.prepare("INSERT INTO " + ks + ".outbox_leases (shard, owner, lease_until) VALUES (?, ?, ?) IF NOT EXISTS");
        takeOver = session.prepare("UPDATE " + ks + ".outbox_leases SET owner = ?, lease_until = ? WHERE shard = ? IF owner = ? AND lease_until = ?");
        renew = session.prepare("UPDATE " + ks + ".outbox_leases SET lease_until = ? WHERE shard = ? IF owner = ?");
        alive = session.prepare("INSERT INTO " + ks + ".outbox_workers (process, seen) VALUES (?, ?) USING TTL ?");
        processes = session.prepare("SELECT process FROM " + ks + ".outbox_workers");
    }

    @Override
    public Map<Integer, Lease> leases() {
        Map<Integer, Lease> out = new HashMap<>();
        for (Row r : session.execute(leases.bind())) {
            out.put(r.getInt("shard"), new Lease(r.getString("owner"), r.getInstant("lease_until")));
        }
        return out;
    }

    @Override
    public boolean take(int shard, String owner, Instant until) {
        return session.execute(take.bind(shard, owner, until)).wasApplied();
    }

    @Override
    public boolean takeOver(int shard, String owner, Instant until, Lease seen) {
        return session.execute(takeOver.bind(owner, until, shard, seen.owner(), seen.until())).wasApplied();
    }

    @Override
    public boolean renew(int shard, String owner, Instant until) {
        return session.execute(renew.bind(until, shard, owner)).wasApplied();
    }

    @Override
    public void alive(String process, Instant now, Duration ttl) {
        session.execute(alive.bind(process, now, (int) Math.max(1, ttl.toSeconds())));
    }

    @Override
    public int processes() {
        return session.execute(processes.bind()).all().size();
    }
}
