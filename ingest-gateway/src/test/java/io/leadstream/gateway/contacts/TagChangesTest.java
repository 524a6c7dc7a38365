package io.leadstream.gateway.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadstream.schemas.contact.ContactActionEvents;
import io.leadstream.schemas.event.CustomEvent;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a tags request accepts and the event it becomes; ContactsApiIT checks each refusal over HTTP. */
class TagChangesTest {

    @Test
    void tagsAreStrippedKeptOnceInTheGivenOrderAndMayBeLongAsSixtyFourCharacters() {
        String longest = "\uD83C\uDFF7".repeat(64); // 64 characters, 128 UTF-16 units
        TagChanges changes = parse(new JsonObject()
                .put("add", new JsonArray().add("  vip ").add("lead").add("vip").add(longest))
                .put("remove", new JsonArray().add("cold")));
        assertThat(changes.add()).containsExactly("vip", "lead", longest);
        assertThat(changes.remove()).containsExactly("cold");

        assertThat(parse(new JsonObject().put("remove", new JsonArray().add("cold"))).add()).isEmpty();
        assertThat(parse(new JsonObject().put("add", new JsonArray().add("a")).putNull("remove")).remove()).isEmpty();
    }

    @Test
    void aHundredTagsAreAcceptedAndOneMoreIsNot() {
        JsonArray fifty = new JsonArray(IntStream.range(0, 50).mapToObj(i -> "t" + i).toList());
        JsonArray others = new JsonArray(IntStream.range(0, 50).mapToObj(i -> "u" + i).toList());
        assertThat(parse(new JsonObject().put("add", fifty).put("remove", others)).remove()).hasSize(50);
        assertThatThrownBy(() -> parse(new JsonObject().put("add", fifty).put("remove", others.copy().add("u50"))))
                .isInstanceOf(TagChanges.Invalid.class).hasMessage("at most 100 tags per request");
    }

    @Test
    void theEventIsTheRootsApiTagsActionWithCommaSeparatedLists() {
        Instant before = Instant.now();
        TrackingEvent event = parse(new JsonObject().put("add", new JsonArray().add("vip").add("lead"))
                .put("remove", new JsonArray().add("cold"))).event("root-1");
        assertThat(event.getSource()).isEqualTo(Source.API);
        assertThat(event.getContactId()).isEqualTo("root-1");
        assertThat(event.getDeviceId()).isNull();
        assertThat(event.getEventId()).isNotBlank();
        assertThat(event.getEventTime()).isBetween(before.minusMillis(1), Instant.now());
        assertThat(event.getContext().getTrackable()).isFalse();
        assertThat(event.getContext().getNonTrackableReason()).isEqualTo("api: tags");
        assertThat(event.getFields()).isEmpty();
        CustomEvent tags = (CustomEvent) event.getPayload();
        assertThat(tags.getName()).isEqualTo(ContactActionEvents.TAGS);
        assertThat(tags.getProperties()).containsExactlyInAnyOrderEntriesOf(Map.of("add", "vip,lead", "remove", "cold"));
        assertThat(ContactActionEvents.properties(event, ContactActionEvents.TAGS)).as("what the engine reads").isEqualTo(tags.getProperties());

        TrackingEvent removeOnly = parse(new JsonObject().put("remove", new JsonArray().add("cold"))).event("root-1");
        assertThat(((CustomEvent) removeOnly.getPayload()).getProperties()).containsExactly(Map.entry("remove", "cold"));
        assertThat(removeOnly.getEventId()).isNotEqualTo(event.getEventId());
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsRefused() {
        for (String body : new String[] {"", "nope", "[\"vip\"]", "\"vip\"", "{\"add\": [\"vip\""}) {
            assertThatThrownBy(() -> TagChanges.parse(Buffer.buffer(body))).as(body)
                    .isInstanceOf(TagChanges.Invalid.class).hasMessageContaining("body must be a JSON object");
        }
        assertThatThrownBy(() -> TagChanges.parse(null)).isInstanceOf(TagChanges.Invalid.class);
    }

    private static TagChanges parse(JsonObject body) {
        return TagChanges.parse(body.toBuffer());
    }
}
