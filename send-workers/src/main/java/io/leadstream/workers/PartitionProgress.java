package io.leadstream.workers;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * What a worker process has done with the records of one send-commands partition while Kafka gives
 * it the partition. The offset to commit is that of the lowest record not finished yet, or one past
 * the last record taken when all are: a record is finished once its command is done with (sent,
 * failed, dead, skipped, closed unconfirmed, found done) or left, recorded, to the outbox scan (a
 * retry or a wait longer than the process holds in memory). So a process killed with records in its
 * hands (queued, being sent, held for a retry) has them read again by the partition's next owner.
 * A record finished after the partition was taken away counts for nothing: its offset was
 * committed, or not, when the partition was given up.
 */
final class PartitionProgress {
    private final int partition;
    private final TreeSet<Long> open = new TreeSet<>();
    private long next = -1;
    private long committed = -1;
    private int handling;
    private boolean revoked;

    PartitionProgress(int partition) {
        this.partition = partition;
    }

    int partition() {
        return partition;
    }

    /** A record read from Kafka, now in the process's hands. */
    synchronized void taken(long offset) {
        if (!revoked) {
            open.add(offset);
            next = Math.max(next, offset + 1);
        }
    }

    /** A record done with, or left to the scan. */
    synchronized void finished(long offset) {
        open.remove(offset);
    }

    /** The offset to commit now, if it moved since the last commit: the lowest record not finished, else one past the last taken. */
    synchronized OptionalLong toCommit() {
        long at = open.isEmpty() ? next : open.first();
        return at > committed ? OptionalLong.of(at) : OptionalLong.empty();
    }

    /** The offset was sent to Kafka (a failed commit is {@link #commitFailed}, so it is sent again). */
    synchronized void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    synchronized void commitFailed() {
        committed = -1;
    }

    /** A send thread starts on one of the partition's records; false if the partition was taken away meanwhile (leave the record). */
    synchronized boolean begin() {
        if (revoked) {
            return false;
        }
        handling++;
        return true;
    }

    synchronized void end() {
        handling--;
        notifyAll();
    }

    synchronized boolean revoked() {
        return revoked;
    }

    /** The partition goes to another process: nothing more of it is started here. */
    synchronized void revoke() {
        revoked = true;
    }

    /** Waits (at most {@code limit}) until no send thread is on one of the partition's records; whether none is. */
    synchronized boolean awaitIdle(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (handling > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
