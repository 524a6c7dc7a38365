package io.leadstream.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A transport's send rate as the send threads of a process share it. */
class SendRateTest {

    @Test
    void threadsSharingARateGetPermitsEvenlySpaced() throws Exception {
        SendRate rate = SendRate.of(20); // one every 50 ms
        List<Long> granted = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 5; i++) {
                    if (rate.acquire(Duration.ofSeconds(5))) {
                        granted.add(System.nanoTime());
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        List<Long> sorted = new ArrayList<>(granted);
        Collections.sort(sorted);
        assertThat(sorted).as("every permit within the wait").hasSize(20);
        // 20 permits at 20/s: the first at once, the last 19 intervals of 50 ms later (scheduling adds a little, never takes).
        assertThat(Duration.ofNanos(sorted.get(19) - t0)).isBetween(Duration.ofMillis(900), Duration.ofMillis(1400));
    }

    @Test
    void aPermitFurtherAwayThanTheWaitIsRefusedAtOnceAndTakesNothing() {
        SendRate rate = SendRate.of(0.5); // one every 2 s
        assertThat(rate.acquire(Duration.ZERO)).isTrue();
        long t0 = System.nanoTime();
        assertThat(rate.acquire(Duration.ofMillis(200))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(150));
        assertThat(rate.acquire(Duration.ofSeconds(3))).as("the refusal reserved nothing: the next permit is the one 2 s after the first").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(1700), Duration.ofMillis(2500));
    }

    @Test
    void zeroIsNoLimit() {
        SendRate rate = SendRate.of(0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(rate.acquire(Duration.ZERO)).isTrue();
        }
    }
}
