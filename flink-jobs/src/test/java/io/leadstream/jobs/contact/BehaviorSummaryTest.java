package io.leadstream.jobs.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.jobs.points.UrlPattern;
import io.leadstream.jobs.segments.BehaviorQuery;
import io.leadstream.schemas.event.EmailOpen;
import io.leadstream.schemas.event.EventContext;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.schemas.profile.BehaviorCounts;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BehaviorSummaryTest {
    private static final long DAY = 86_400_000L;
    private static final long NOW = Instant.parse("2026-11-20T15:00:00Z").toEpochMilli();
    private static final ProfileSettings SETTINGS = new ProfileSettings(90, 3, 0, ProfileSettings.defaults().identifiers());
    private final Map<String, BehaviorCounts> summary = new HashMap<>();

    private void page(String url, long at) {
        BehaviorSummary.record(summary, event(PageHit.newBuilder().setUrl(url).build(), true), at, SETTINGS);
    }

    private static TrackingEvent event(Object payload, boolean trackable) {
        return TrackingEvent.newBuilder().setEventId("e").setEventTime(Instant.EPOCH).setSource(Source.TRACKER).setContactId("c")
                .setContext(EventContext.newBuilder().setTrackable(trackable).build()).setPayload(payload).build();
    }

    private static BehaviorQuery pages(String pattern, Long window) {
        return new BehaviorQuery("page_hit", null, pattern == null ? null : new UrlPattern(pattern), window);
    }

    @Test
    void windowsCountWholeUtcDaysAndTotalsCountEverything() {
        page("https://x/pricing", NOW - 10 * DAY);
        page("https://x/pricing?a", NOW - 2 * DAY);
        page("https://x/about", NOW);
        assertThat(BehaviorSummary.count(summary, pages("*/pricing*", 7 * DAY), NOW)).isEqualTo(1);
        assertThat(BehaviorSummary.count(summary, pages("*/pricing*", null), NOW)).isEqualTo(2);
        assertThat(BehaviorSummary.count(summary, pages(null, 7 * DAY), NOW)).as("any page").isEqualTo(2);
        assertThat(BehaviorSummary.count(summary, new BehaviorQuery("any_event", null, null, null), NOW)).isEqualTo(3);
        // The 18th counts until the 7-day window's first day passes it: 26 Nov 00:00 UTC.
        assertThat(BehaviorSummary.nextChange(summary, pages("*/pricing*", 7 * DAY), NOW))
                .isEqualTo(Instant.parse("2026-11-26T00:00:00Z").toEpochMilli());
        assertThat(BehaviorSummary.count(summary, pages("*/pricing*", 7 * DAY), Instant.parse("2026-11-25T23:59:59Z").toEpochMilli())).isEqualTo(1);
        assertThat(BehaviorSummary.count(summary, pages("*/pricing*", 7 * DAY), Instant.parse("2026-11-26T00:00:00Z").toEpochMilli())).isZero();
    }

    @Test
    void targetsAreBoundedLeastRecentlySeenFirstAndKindCountsStay() {
        for (int i = 0; i < 5; i++) {
            page("https://x/p" + i, NOW + i);
        }
        assertThat(summary.keySet()).containsExactlyInAnyOrder("any_event", "page_hit",
                "page_hit|https://x/p2", "page_hit|https://x/p3", "page_hit|https://x/p4");
        assertThat(BehaviorSummary.count(summary, pages(null, null), NOW)).isEqualTo(5);
    }

    @Test
    void botsAndProxiedOpensAreNotBehaviour() {
        BehaviorSummary.record(summary, event(PageHit.newBuilder().setUrl("https://x").build(), false), NOW, SETTINGS);
        BehaviorSummary.record(summary, event(EmailOpen.newBuilder().setSendId("s").setEmailId("m").setProxied(true).build(), true), NOW, SETTINGS);
        assertThat(summary.keySet()).containsExactly("any_event");
    }

    @Test
    void mergingAddsDayByDayAndPruningKeepsTotals() {
        page("https://x/pricing", NOW - 100 * DAY);
        page("https://x/pricing", NOW - DAY);
        Map<String, BehaviorCounts> other = new HashMap<>();
        BehaviorSummary.record(other, event(PageHit.newBuilder().setUrl("https://x/pricing").build(), true), NOW - DAY + 5, SETTINGS);
        BehaviorSummary.merge(summary, other, SETTINGS);
        assertThat(BehaviorSummary.count(summary, pages("*/pricing", 2 * DAY), NOW)).isEqualTo(2);
        BehaviorSummary.prune(summary, NOW, SETTINGS);
        assertThat(summary.get("page_hit|https://x/pricing").getDays()).hasSize(1);
        assertThat(BehaviorSummary.count(summary, pages("*/pricing", null), NOW)).isEqualTo(3);
    }
}
