package io.leadstream.jobs.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.schemas.contact.ContactActionEvents;
import io.leadstream.schemas.engine.SegmentCommandAction;
import io.leadstream.schemas.event.EmailBounce;
import io.leadstream.schemas.event.BounceKind;
import io.leadstream.schemas.event.EmailUnsubscribe;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.schemas.profile.ContactProfile;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A merge folds the loser's whole profile into the survivor's in one step: points add per group,
 * tags and do-not-contact unite, fields keep the newest value, behaviour adds up, manual choices
 * stay; memberships are decided again, the loser leaves every list, and its late events follow.
 */
class ContactMergeTest {
    private static final long DAY = 86_400_000L;
    private static final long T0 = Instant.parse("2026-11-02T10:00:00Z").toEpochMilli();
    private ContactHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new ContactHarness();
        h.define("point-actions", "pricing", "{\"id\": \"pricing\", \"name\": \"Pricing\", \"type\": \"page_hit\", \"url\": \"*/pricing*\","
                + " \"points\": 10, \"repeatable\": true}");
        h.define("point-actions", "docs", "{\"id\": \"docs\", \"name\": \"Docs\", \"type\": \"page_hit\", \"url\": \"*/docs*\","
                + " \"points\": 3, \"group\": \"product\", \"repeatable\": true}");
        h.segment("twenty", "[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 20}]");
        h.segment("both-tags", "[{\"kind\": \"tags\", \"operator\": \"all\", \"tags\": [\"visitor\", \"customer\"]}]");
        h.segment("pricing-2x", "[{\"kind\": \"behavior\", \"behavior\": \"page_hit\", \"url\": \"*/pricing*\", \"within\": \"P7D\", \"count\": 2}]");
        h.segment("anon-only", "[{\"kind\": \"points\", \"operator\": \"lt\", \"value\": 15}]");
        h.segment("picked", "[]");
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    private void tag(String contact, long at, String tag) throws Exception {
        TrackingEvent e = ContactActionEvents.of("tag-" + contact + "-" + tag, contact, at, ContactActionEvents.TAGS,
                Map.of(ContactActionEvents.TAGS_ADD, tag), Map.of(), "api: tags");
        e.setSource(Source.API);
        h.event(e);
    }

    @Test
    void theSurvivorTakesTheSumOfPointsBothTagsAndTheNewestFieldsAndTheLoserLeavesEveryList() throws Exception {
        h.visit("anon", "https://shop.example/pricing", T0 - DAY);
        h.visit("anon", "https://shop.example/docs", T0 - DAY + 1);
        tag("anon", T0 - DAY + 2, "visitor");
        h.event("anon", T0 - DAY + 3, Map.of("company", "Acme", "city", "Lyon"), PageHit.newBuilder().setUrl("https://shop.example/").build());
        h.command("anon", "picked", SegmentCommandAction.ADD, T0 - DAY + 4);
        h.event("anon", T0 - DAY + 5, Map.of(), EmailUnsubscribe.newBuilder().setSendId("s").setEmailId("news").build());
        h.visit("known", "https://shop.example/pricing", T0 - 3 * DAY);
        tag("known", T0 - 3 * DAY + 1, "customer");
        h.event("known", T0 - 3 * DAY + 2, Map.of("email", "ann@example.com", "city", "Paris"), PageHit.newBuilder().setUrl("https://x").build());
        h.event("known", T0 - 3 * DAY + 3, Map.of(), EmailBounce.newBuilder().setAddress("ann@example.com").setKind(BounceKind.HARD).build());
        assertThat(h.profile("anon").getSegments()).containsOnlyKeys("anon-only", "picked");
        assertThat(h.profile("known").getSegments()).containsOnlyKeys("anon-only");

        h.merge("anon", "known", T0);
        assertThat(h.changes()).filteredOn(c -> c.getContactId().equals("anon") && c.getReason().equals("merged into known"))
                .extracting(c -> c.getKind() + " " + c.getSegmentId()).containsExactlyInAnyOrder("LEFT anon-only", "LEFT picked");
        assertThat(h.handovers()).singleElement().satisfies(ho -> {
            assertThat(ho.getToContactId()).isEqualTo("known");
            assertThat(ho.getProfile().getPoints()).isEqualTo(10);
        });
        assertThat(h.profile("anon").getMergedInto()).isEqualTo("known");
        int delivered = h.deliverHandovers(0);

        ContactProfile survivor = h.profile("known");
        assertThat(survivor.getPoints()).as("10 + 10").isEqualTo(20);
        assertThat(survivor.getGroupPoints()).containsEntry("product", 3);
        assertThat(survivor.getTags()).containsExactly("customer", "visitor");
        assertThat(survivor.getFields().get("city").getValue()).as("the newer value by event time").isEqualTo("Lyon");
        assertThat(survivor.getFields().get("company").getValue()).isEqualTo("Acme");
        assertThat(survivor.getFields().get("email").getValue()).isEqualTo("ann@example.com");
        assertThat(survivor.getDoNotContact().get("email").getKind()).as("a hard bounce is stricter than an unsubscribe").isEqualTo("bounced");
        assertThat(survivor.getIdentified()).isTrue();
        assertThat(survivor.getSegments()).as("re-evaluated on the merged profile; the choice by hand kept")
                .containsOnlyKeys("twenty", "both-tags", "pricing-2x", "picked");
        assertThat(survivor.getSegments().get("picked").getManual()).isTrue();
        assertThat(h.views()).last().satisfies(v -> {
            assertThat(v.getContactId()).isEqualTo("known");
            assertThat(v.getPoints()).isEqualTo(20);
            assertThat(v.getTags()).containsExactly("customer", "visitor");
        });

        h.visit("anon", "https://shop.example/pricing", T0 + 1); // a late event still carrying the merged id
        assertThat(h.handovers()).hasSize(2);
        h.deliverHandovers(delivered);
        assertThat(h.profile("known").getPoints()).isEqualTo(30);
        assertThat(h.changes()).filteredOn(c -> c.getContactId().equals("anon")).noneMatch(c -> c.getKind().name().equals("ENTERED")
                && c.getEventTime().toEpochMilli() >= T0);
    }

    @Test
    void aHandoverDeliveredTwiceFoldsOnce() throws Exception {
        h.visit("anon", "https://shop.example/pricing", T0);
        h.visit("known", "https://shop.example/pricing", T0);
        h.merge("anon", "known", T0 + 1);
        h.deliverHandovers(0);
        h.deliverHandovers(0);
        assertThat(h.profile("known").getPoints()).isEqualTo(20);
        assertThat(h.profile("known").getMergedIds()).containsExactly("anon");
    }

    @Test
    void aMergeChainForwardsToTheLastSurvivor() throws Exception {
        h.visit("a", "https://shop.example/pricing", T0);
        h.visit("b", "https://shop.example/pricing", T0);
        h.visit("c", "https://shop.example/pricing", T0);
        h.merge("a", "b", T0 + 1);
        h.merge("b", "c", T0 + 2);
        int n = h.deliverHandovers(0); // a's profile reaches b after b has gone to c: b forwards it
        h.deliverHandovers(n);
        assertThat(h.profile("c").getPoints()).isEqualTo(30);
        assertThat(h.profile("c").getMergedIds()).containsExactlyInAnyOrder("a", "b");
    }
}
