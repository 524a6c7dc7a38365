package io.leadstream.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The offset a worker commits for a partition: that of the lowest record not finished, so a dead worker's unfinished records are read again. */
class PartitionProgressTest {

    @Test
    void theCommittedOffsetStopsAtTheLowestRecordNotFinished() {
        PartitionProgress p = new PartitionProgress(3);
        assertThat(p.toCommit()).as("nothing read yet").isEmpty();
        for (long offset = 5; offset <= 9; offset++) {
            p.taken(offset);
        }
        assertThat(p.toCommit()).hasValue(5);
        p.committed(5);
        assertThat(p.toCommit()).as("nothing moved since the commit").isEmpty();

        p.finished(5);
        p.finished(7); // finished out of order: 6 is still held (a retry due soon)
        p.finished(8);
        assertThat(p.toCommit()).hasValue(6);
        p.committed(6);
        p.finished(6);
        assertThat(p.toCommit()).hasValue(9);
        p.finished(9);
        assertThat(p.toCommit()).as("all finished: one past the last read").hasValue(10);
        p.committed(10);
        assertThat(p.toCommit()).isEmpty();

        p.taken(10);
        assertThat(p.toCommit()).as("a new record not finished holds the offset where it is").isEmpty();
        p.finished(10);
        assertThat(p.toCommit()).hasValue(11);
    }

    @Test
    void aFailedCommitIsSentAgainWithTheNext() {
        PartitionProgress p = new PartitionProgress(0);
        p.taken(0);
        p.finished(0);
        p.committed(1);
        assertThat(p.toCommit()).isEmpty();
        p.commitFailed();
        assertThat(p.toCommit()).isEqualTo(OptionalLong.of(1));
    }

    @Test
    void aPartitionTakenAwayStartsNothingMoreAndWaitsForTheRecordInHand() throws Exception {
        PartitionProgress p = new PartitionProgress(1);
        p.taken(0);
        p.taken(1);
        assertThat(p.begin()).isTrue(); // a send thread is on record 0
        p.revoke();
        assertThat(p.begin()).as("record 1, queued, is left to the next owner").isFalse();
        assertThat(p.awaitIdle(Duration.ofMillis(50))).as("record 0 is still being sent").isFalse();

        CountDownLatch idle = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                if (p.awaitIdle(Duration.ofSeconds(10))) {
                    idle.countDown();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        p.finished(0);
        p.end();
        waiter.join(10_000);
        assertThat(idle.getCount()).isZero();
        assertThat(p.toCommit()).as("committed up to the record left").hasValue(1);
        p.taken(2);
        assertThat(p.toCommit()).as("nothing taken once revoked").hasValue(1);
    }
}
