package io.leadstream.workers;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Where shard leases and the roll of live worker processes are kept ({@link CassandraLeaseStore}). */
interface LeaseStore {
    /** A shard's lease as read: who holds it, until when (null: never taken). */
    record Lease(String owner, Instant until) {}

    /** Every shard's lease that was ever taken. */
    Map<Integer, Lease> leases();

    /** Takes a shard nobody ever held; false when another process got there first. */
    boolean take(int shard, String owner, Instant until);

    /** Takes a lapsed (or given back) lease, if it is still as {@code seen}. */
    boolean takeOver(int shard, String owner, Instant until, Lease seen);

    /** Extends (or, with a past {@code until}, gives back) a lease, if {@code owner} still holds it. */
    boolean renew(int shard, String owner, Instant until);

    /** Says {@code process} is alive for {@code ttl}. */
    void alive(String process, Instant now, Duration ttl);

    /** How many processes said they are alive lately. */
    int processes();
}
