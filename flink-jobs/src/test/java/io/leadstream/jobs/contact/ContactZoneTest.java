package io.leadstream.jobs.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.schemas.contact.ContactActionEvents;
import io.leadstream.schemas.event.CustomEvent;
import io.leadstream.schemas.event.EventContext;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a new contact starts with: a time zone from its browser's UTC offset only while none is known (a reported IANA zone
 * wins), and the default values of fields, which any value it is given replaces.
 */
class ContactZoneTest {
    private static final long T0 = Instant.parse("2026-12-04T10:00:00Z").toEpochMilli();
    private ContactHarness h;
    private int events;

    @BeforeEach
    void setUp() throws Exception {
        h = new ContactHarness();
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    private void hit(String contact, String zone, Integer offset) throws Exception {
        h.event(TrackingEvent.newBuilder().setEventId("z" + ++events).setEventTime(Instant.ofEpochMilli(T0 + events))
                .setSource(Source.TRACKER).setContactId(contact).setFields(Map.of())
                .setContext(EventContext.newBuilder().setTimezone(zone).setTimezoneOffset(offset).build())
                .setPayload(PageHit.newBuilder().setUrl("https://shop.example/").build()).build());
    }

    @Test
    void anOffsetSetsTheZoneOnlyWhenNoneIsKnown() throws Exception {
        hit("paris", null, -60);
        assertThat(h.profile("paris").getTimezone()).as("UTC+1 in JavaScript's sign").isEqualTo("Etc/GMT-1");
        hit("paris", "Europe/Paris", -60);
        assertThat(h.profile("paris").getTimezone()).isEqualTo("Europe/Paris");
        hit("paris", null, 300);
        assertThat(h.profile("paris").getTimezone()).as("a known zone is kept").isEqualTo("Europe/Paris");

        hit("delhi", null, -330);
        assertThat(h.profile("delhi").getTimezone()).isEqualTo("+05:30");
        hit("newyork", null, 300);
        assertThat(h.profile("newyork").getTimezone()).isEqualTo("Etc/GMT+5");
        hit("london", null, 0);
        assertThat(h.profile("london").getTimezone()).isEqualTo("UTC");
        hit("nobody", null, null);
        assertThat(h.profile("nobody").getTimezone()).isNull();
        assertThat(h.contactActions()).as("the store learns the zones worked out here, not the reported one")
                .extracting(e -> e.getContactId() + " " + ((CustomEvent) e.getPayload()).getProperties().get(ContactActionEvents.ZONE_NAME))
                .containsExactly("paris Etc/GMT-1", "delhi +05:30", "newyork Etc/GMT+5", "london UTC");
    }

    private void localeHit(String contact, String locale, Map<String, String> fields) throws Exception {
        h.event(TrackingEvent.newBuilder().setEventId("l" + ++events).setEventTime(Instant.ofEpochMilli(T0 + events))
                .setSource(Source.TRACKER).setContactId(contact).setFields(fields)
                .setContext(EventContext.newBuilder().setPreferredLocale(locale).build())
                .setPayload(PageHit.newBuilder().setUrl("https://shop.example/").build()).build());
    }

    @Test
    void theBrowsersLanguageFillsTheLocaleOnlyWhenNoneIsKnown() throws Exception {
        localeHit("amelie", "fr_FR", Map.of());
        assertThat(h.profile("amelie").getFields().get("preferred_locale").getValue()).isEqualTo("fr_FR");
        localeHit("amelie", "de_DE", Map.of());
        assertThat(h.profile("amelie").getFields().get("preferred_locale").getValue()).as("a known locale is kept").isEqualTo("fr_FR");
        localeHit("hans", "de", Map.of("preferred_locale", "en_GB")); // given as a field too: the field wins, nothing more to tell
        assertThat(h.profile("hans").getFields().get("preferred_locale").getValue()).isEqualTo("en_GB");
        localeHit("nobody", null, Map.of());
        assertThat(h.profile("nobody").getFields()).doesNotContainKey("preferred_locale");
        assertThat(h.contactActions()).as("the store learns the locale filled in here, once")
                .extracting(e -> e.getContactId() + " " + e.getFields())
                .containsExactly("amelie {preferred_locale=fr_FR}");
    }

    @Test
    void aNewContactStartsWithTheFieldsDefaultsAndAnyGivenValueWins() throws Exception {
        h.define("fields", "plan", "{\"id\": \"plan\", \"label\": \"Plan\", \"type\": \"select\", \"options\": [{\"value\": \"free\"}, {\"value\": \"pro\"}], \"default\": \"free\"}");
        h.define("fields", "nickname", "{\"id\": \"nickname\", \"label\": \"Nickname\", \"type\": \"text\"}");
        h.segment("free", "[{\"kind\": \"field\", \"field\": \"plan\", \"operator\": \"eq\", \"value\": \"free\"}]");
        hit("ada", null, null);
        assertThat(h.profile("ada").getFields()).containsOnlyKeys("plan");
        assertThat(h.profile("ada").getFields().get("plan").getValue()).isEqualTo("free");
        assertThat(h.profile("ada").getSegments()).containsOnlyKeys("free");
        assertThat(h.contactActions()).singleElement().satisfies(a -> {
            assertThat(a.getEventId()).isEqualTo("ada:field-defaults");
            assertThat(a.getFields()).containsExactly(Map.entry("plan", "free"));
        });
        h.event("bob", T0 + 100, Map.of("plan", "pro"), PageHit.newBuilder().setUrl("https://shop.example/").build());
        assertThat(h.profile("bob").getFields().get("plan").getValue()).as("given with the first event").isEqualTo("pro");
        assertThat(h.profile("bob").getSegments()).isEmpty();
        h.event("ada", T0 + 200, Map.of("plan", "pro"), PageHit.newBuilder().setUrl("https://shop.example/").build());
        assertThat(h.profile("ada").getFields().get("plan").getValue()).isEqualTo("pro");
        assertThat(h.profile("ada").getSegments()).isEmpty();
    }
}
