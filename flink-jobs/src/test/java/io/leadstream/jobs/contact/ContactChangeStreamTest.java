package io.leadstream.jobs.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.jobs.points.ContactEvents;
import io.leadstream.schemas.contact.ContactActionEvents;
import io.leadstream.schemas.engine.ContactChange;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.schemas.gdpr.ErasureMarkers;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The change stream in the contact processor: a whole profile after each change of what it carries, nothing for the rest. */
class ContactChangeStreamTest {
    private static final String VISIT = "{\"id\": \"visit\", \"name\": \"Visit\", \"type\": \"page_hit\", \"url\": \"https://x/*\", \"points\": 1, \"repeatable\": true}";
    private ContactHarness h;

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    @Test
    void aChangeOfFieldsTagsOrIdentityIsTheWholeProfileAndPointsAloneAreNot() throws Exception {
        h = new ContactHarness();
        h.define("point-actions", "visit", VISIT);
        h.event(ContactEvents.page("p1", "c1", 1_000, "https://x/home"));
        assertThat(changes()).as("points and activity alone: the points topic's").isEmpty();

        h.event(withFields(ContactEvents.form("f1", "c1", 2_000, "signup"), Map.of("email", "ann@shop.example", "firstname", "Ann")));
        h.event(withFields(ContactEvents.form("f2", "c1", 3_000, "signup"), Map.of("email", "ann@shop.example", "firstname", "Ann")));
        h.event(tags("t1", "c1", 4_000, "vip"));
        h.event(ContactEvents.page("p2", "c1", 5_000, "https://x/pricing"));

        List<ContactChange> all = changes();
        assertThat(all).extracting(c -> c.getCauseEventId() + " set " + c.getSetFields() + " tags+" + c.getTagsAdded() + " identified "
                        + c.getIdentified()).as("the same values again and a page hit change nothing it carries")
                .containsExactly("f1 set {email=ann@shop.example, firstname=Ann} tags+[] identified true",
                        "t1 set {} tags+[vip] identified true");
        ContactChange last = all.get(1);
        assertThat(last.getFields()).isEqualTo(Map.of("email", "ann@shop.example", "firstname", "Ann"));
        assertThat(last.getTags()).containsExactly("vip");
        assertThat(last.getPoints()).as("the score with the sequence it is at").isEqualTo(1);
        assertThat(last.getPointsSequence()).isEqualTo(h.profile("c1").getPointsSequence() - 1);
        assertThat(last.getMergedInto()).isNull();
        assertThat(last.getDeleted()).isFalse();
    }

    @Test
    void aMergeIsTheSurvivorsWholeProfileAndTheMergedOnesEndAndAnErasureEndsIt() throws Exception {
        h = new ContactHarness();
        h.define("point-actions", "visit", VISIT);
        h.event(withFields(ContactEvents.form("f1", "c1", 1_000, "signup"), Map.of("email", "ann@shop.example")));
        h.event(ContactEvents.page("p1", "c2", 1_500, "https://x/home"));
        h.event(tags("t2", "c2", 2_000, "from-ads"));
        h.merge("c2", "c1", 3_000);
        h.deliverHandovers(0);
        h.event(ErasureMarkers.contact("x1", "c1", Instant.ofEpochMilli(4_000)));

        List<ContactChange> all = changes();
        assertThat(all).extracting(c -> c.getContactId() + " merged into " + c.getMergedInto() + " deleted " + c.getDeleted())
                .containsExactly("c1 merged into null deleted false", "c2 merged into null deleted false", "c2 merged into c1 deleted false",
                        "c1 merged into null deleted false", "c1 merged into null deleted true");
        ContactChange merged = all.get(3);
        assertThat(merged.getTags()).as("the merged contact's tags are the survivor's now").containsExactly("from-ads");
        assertThat(merged.getFields()).containsEntry("email", "ann@shop.example");
        assertThat(merged.getPoints()).as("both scores").isEqualTo(1);
        assertThat(all.get(4).getFields()).as("an erasure carries nothing of the person").isEmpty();
    }

    @Test
    void inTheIdentifiedModeAnonymousVisitorsCostNothingAndAContactStartsWhole() throws Exception {
        ProfileSettings d = ProfileSettings.defaults();
        h = new ContactHarness(new ProfileSettings(d.behaviorHorizonDays(), d.behaviorTargets(), d.anonymousTtlMillis(), d.identifiers(),
                ProfileSettings.ChangeStream.IDENTIFIED), null);
        h.event(tags("t1", "c1", 1_000, "vip"));
        h.event(withFields(ContactEvents.form("f0", "c1", 1_500, "survey"), Map.of("firstname", "Ann")));
        assertThat(changes()).as("an anonymous visitor's changes").isEmpty();

        h.event(withFields(ContactEvents.form("f1", "c1", 2_000, "signup"), Map.of("email", "ann@shop.example")));
        assertThat(changes()).singleElement().satisfies(c -> {
            assertThat(c.getFields()).isEqualTo(Map.of("email", "ann@shop.example", "firstname", "Ann"));
            assertThat(c.getTags()).containsExactly("vip");
        });
    }

    private List<ContactChange> changes() {
        return h.profileChanges();
    }

    private static TrackingEvent tags(String id, String contact, long at, String tag) {
        TrackingEvent e = ContactActionEvents.of(id, contact, at, ContactActionEvents.TAGS, Map.of(ContactActionEvents.TAGS_ADD, tag), Map.of(),
                "api: tags");
        e.setSource(Source.API);
        return e;
    }

    private static TrackingEvent withFields(TrackingEvent e, Map<String, String> fields) {
        e.setFields(new HashMap<>(fields));
        return e;
    }
}
