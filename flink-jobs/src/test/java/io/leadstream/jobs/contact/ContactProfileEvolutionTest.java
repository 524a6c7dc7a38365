package io.leadstream.jobs.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.schemas.codec.TrustedRecords;
import io.leadstream.schemas.profile.ContactProfile;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.formats.avro.typeutils.AvroSerializer;
import org.junit.jupiter.api.Test;

/**
 * The profile's state evolves as Avro schemas do: state written before a field was added is read
 * with today's class, the new field taking its default (docs/contacts.md#state).
 */
class ContactProfileEvolutionTest {
    static {
        TrustedRecords.install();
    }

    /** Today's schema less one field: what an engine from before that field wrote. */
    private static Schema older() {
        Schema current = ContactProfile.getClassSchema();
        List<Schema.Field> fields = current.getFields().stream().filter(f -> !f.name().equals("pointsSequence"))
                .map(f -> new Schema.Field(f.name(), f.schema(), f.doc(), f.defaultVal())).toList();
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    @Test
    void stateWrittenWithAnOlderSchemaIsReadWithTodaysAfterMigration() throws Exception {
        Schema older = older();
        AvroSerializer<GenericRecord> oldSerializer = new AvroSerializer<>(GenericRecord.class, older);
        AvroSerializer<ContactProfile> newSerializer = new AvroSerializer<>(ContactProfile.class);
        TypeSerializerSchemaCompatibility<ContactProfile> compatibility = newSerializer.snapshotConfiguration()
                .resolveSchemaCompatibility(cast(oldSerializer.snapshotConfiguration()));
        assertThat(compatibility.isCompatibleAfterMigration()).as(compatibility.toString()).isTrue();

        GenericRecord written = new GenericData.Record(older);
        ContactProfile template = Profiles.empty();
        for (Schema.Field f : older.getFields()) {
            written.put(f.name(), template.get(f.name()));
        }
        written.put("points", 42);
        written.put("tags", List.of("customer"));
        written.put("groupPoints", Map.of("product", 7));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(older).write(written, encoder);
        encoder.flush();

        // Once Flink has found the state compatible after migration, it reads the old bytes with the old schema as
        // writer and today's as reader: Avro's schema resolution, as here.
        ContactProfile read = new SpecificDatumReader<ContactProfile>(older, ContactProfile.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        assertThat(read.getPoints()).isEqualTo(42);
        assertThat(read.getTags()).containsExactly("customer");
        assertThat(read.getGroupPoints()).containsEntry("product", 7);
        assertThat(read.getPointsSequence()).as("the field the older schema lacked: its default").isZero();
    }

    @SuppressWarnings("unchecked")
    private static <T> TypeSerializerSnapshot<T> cast(Object snapshot) {
        return (TypeSerializerSnapshot<T>) snapshot;
    }
}
