package io.leadstream.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadstream.schemas.event.EventContext;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class AvroCodecTest {
    private final AvroCodec<TrackingEvent> codec = AvroCodec.of(TrackingEvent.class);

    @Test
    void roundTripsTheCurrentSchema() {
        TrackingEvent event = TrackingEvent.newBuilder()
                .setEventId("e-1")
                .setEventTime(Instant.ofEpochMilli(1_700_000_000_123L))
                .setDeviceId("d-1")
                .setSource(Source.PIXEL)
                .setContext(EventContext.newBuilder().setIp("10.0.0.1").build())
                .setFields(Map.of("email", "a@example.com"))
                .setPayload(PageHit.newBuilder().setUrl("https://shop.example/p?utm_source=x")
                        .setUtm(Map.of("utm_source", "x")).build())
                .build();

        TrackingEvent back = codec.decode(codec.encode(event));

        assertThat(back).isEqualTo(event);
        assertThat(((PageHit) back.getPayload()).getUtm()).containsEntry("utm_source", "x");
    }

    @Test
    void recordWrittenWithV1IsReadWithCurrentSchema() throws Exception {
        Schema v1 = parse("/leadstream/schema-history-test/TrackingEvent-v1.avsc");
        Schema pageHitV1 = v1.getField("payload").schema().getTypes().get(0);
        GenericRecord hit = new GenericRecordBuilder(pageHitV1).set("url", "https://old.example/").set("title", "Old").build();
        GenericRecord ctx = new GenericRecordBuilder(v1.getField("context").schema()).set("ip", "1.2.3.4").build();
        GenericRecord old = new GenericRecordBuilder(v1)
                .set("eventId", "old-1").set("eventTime", 1_600_000_000_000L).set("deviceId", "dev-9")
                .set("context", ctx).set("payload", hit).build();
        byte[] bytes = toBytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old));

        TrackingEvent read = codec.decode(bytes);

        assertThat(read.getEventId()).isEqualTo("old-1");
        assertThat(read.getEventTime()).isEqualTo(Instant.ofEpochMilli(1_600_000_000_000L));
        assertThat(read.getDeviceId()).isEqualTo("dev-9");
        assertThat(read.getContext().getIp()).isEqualTo("1.2.3.4");
        assertThat(read.getContext().getTrackable()).as("new field takes its default").isTrue();
        assertThat(read.getSource()).isEqualTo(Source.UNKNOWN);
        assertThat(read.getContactId()).isNull();
        assertThat(read.getFields()).isEmpty();
        PageHit page = (PageHit) read.getPayload();
        assertThat(page.getUrl()).isEqualTo("https://old.example/");
        assertThat(page.getTitle()).isEqualTo("Old");
        assertThat(page.getUtm()).isEmpty();
    }

    @Test
    void anEventOfTheGatewayBeforeTimezoneOffsetIsReadWithoutOne() throws Exception {
        Schema before = parse("/leadstream/schema-history/TrackingEvent-v1.avsc");
        assertThat(before.getField("context").schema().getField("timezoneOffset")).isNull();
        GenericRecord ctx = new GenericRecordBuilder(before.getField("context").schema()).set("timezone", "Europe/Paris").build();
        GenericRecord hit = new GenericRecordBuilder(before.getField("payload").schema().getTypes().get(0)).set("url", "https://shop.example/").build();
        GenericRecord old = new GenericRecordBuilder(before).set("eventId", "before-1").set("eventTime", 1_700_000_000_000L)
                .set("source", new GenericData.EnumSymbol(before.getField("source").schema(), "PIXEL")).set("context", ctx).set("payload", hit).build();

        TrackingEvent read = codec.decode(toBytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), before).encode(old)));

        assertThat(read.getContext().getTimezone()).isEqualTo("Europe/Paris");
        assertThat(read.getContext().getTimezoneOffset()).isNull();
    }

    @Test
    void everyHistoricalSchemaCanBeReadByTheCurrentOne() {
        Schema current = TrackingEvent.getClassSchema();
        assertThat(SchemaHistory.versionsOf(current.getFullName())).isNotEmpty().allSatisfy(old ->
                assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, old).getType())
                        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE));
    }

    @Test
    void unknownWriterSchemaIsRejectedWithAReason() throws Exception {
        Schema unknown = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"TrackingEvent\","
                + "\"namespace\":\"io.leadstream.schemas.event\",\"fields\":[{\"name\":\"eventId\",\"type\":\"string\"}]}");
        byte[] bytes = toBytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), unknown)
                .encode(new GenericRecordBuilder(unknown).set("eventId", "x").build()));

        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("TrackingEvent");
    }

    @Test
    void garbageAndTruncatedBytesAreRejected() {
        assertThatThrownBy(() -> codec.decode(new byte[] {1, 2, 3})).isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> codec.decode(null)).isInstanceOf(InvalidRecordException.class);
        byte[] good = codec.encode(TrackingEvent.newBuilder().setEventId("e").setEventTime(Instant.EPOCH)
                .setContext(EventContext.newBuilder().build())
                .setPayload(PageHit.newBuilder().setUrl("https://x.example/").build()).build());
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 5);
        assertThatThrownBy(() -> codec.decode(truncated)).isInstanceOf(InvalidRecordException.class);
    }

    private static Schema parse(String resource) throws Exception {
        try (InputStream in = AvroCodecTest.class.getResourceAsStream(resource)) {
            return new Schema.Parser().parse(in);
        }
    }

    private static byte[] toBytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
