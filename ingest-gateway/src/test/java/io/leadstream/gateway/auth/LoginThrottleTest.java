package io.leadstream.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(3, 5, Duration.ofMinutes(15), clock);

    @Test
    void aUserIsLockedAfterTheLimitForTheLockDurationThenFree() {
        throttle.failed("ann", "1.1.1.1");
        throttle.failed("ann", "1.1.1.2");
        assertThat(throttle.locked("ann", "1.1.1.3")).isEmpty();
        throttle.failed("ann", "1.1.1.3");
        assertThat(throttle.locked("ann", "9.9.9.9")).hasValueSatisfying(l -> {
            assertThat(l.reason()).contains("account locked");
            assertThat(l.retryAfter()).isEqualTo(Duration.ofMinutes(15));
        });
        assertThat(throttle.locked("bob", "9.9.9.9")).isEmpty();
        clock.now = clock.now.plus(Duration.ofMinutes(15));
        assertThat(throttle.locked("ann", "9.9.9.9")).isEmpty();
    }

    @Test
    void aSuccessClearsTheUsersCountButNotTheAddresss() {
        throttle.failed("ann", "1.1.1.1");
        throttle.failed("ann", "1.1.1.1");
        throttle.succeeded("ann");
        throttle.failed("ann", "1.1.1.1");
        throttle.failed("ann", "1.1.1.1");
        assertThat(throttle.locked("ann", "2.2.2.2")).isEmpty();
        throttle.failed("cid", "1.1.1.1"); // the address's fifth failure
        assertThat(throttle.locked("zed", "1.1.1.1")).hasValueSatisfying(l -> assertThat(l.reason()).contains("this address"));
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-04T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
