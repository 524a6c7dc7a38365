package io.leadstream.jobs.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.schemas.event.PageHit;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** engine.anonymous-ttl: an anonymous contact not seen for that long leaves its segments and is forgotten; an identified one stays. */
class ContactExpiryTest {
    private static final long DAY = 86_400_000L;
    private static final long T0 = Instant.parse("2026-11-02T10:00:00Z").toEpochMilli();
    private ContactHarness h;

    @BeforeEach
    void setUp() throws Exception {
        ProfileSettings defaults = ProfileSettings.defaults();
        h = new ContactHarness(new ProfileSettings(defaults.behaviorHorizonDays(), defaults.behaviorTargets(), Duration.ofDays(30).toMillis(),
                defaults.identifiers()), null);
        h.segment("visitors", "[{\"kind\": \"behavior\", \"behavior\": \"page_hit\", \"count\": 1}]");
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    @Test
    void anAnonymousContactUnseenForTheTimeToLiveIsDroppedAndAnIdentifiedOneIsKept() throws Exception {
        h.visit("anon", "https://x/a", T0);
        h.visit("again", "https://x/a", T0);
        h.visit("again", "https://x/b", T0 + 20 * DAY);
        h.event("known", T0, Map.of("email", "ann@example.com"), PageHit.newBuilder().setUrl("https://x/a").build());
        h.watermark(T0 + 30 * DAY - 1);
        assertThat(h.profile("anon")).isNotNull();

        h.watermark(T0 + 30 * DAY);
        assertThat(h.profile("anon")).as("30 days unseen").isNull();
        assertThat(h.changes()).filteredOn(c -> c.getContactId().equals("anon")).extracting(c -> c.getKind() + " " + c.getSegmentId())
                .containsExactly("ENTERED visitors", "LEFT visitors");
        assertThat(h.profile("again")).as("seen 20 days in: its expiry moved on").isNotNull();
        assertThat(h.profile("known")).isNotNull();

        h.watermark(T0 + 50 * DAY);
        assertThat(h.profile("again")).isNull();
        h.watermark(T0 + 400 * DAY);
        assertThat(h.profile("known")).as("identified: never dropped").isNotNull();
        assertThat(h.timers()).isZero();
    }
}
