package io.leadstream.examples.changes;

import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.codec.TrustedRecords;
import io.leadstream.schemas.engine.ContactChange;
import io.leadstream.schemas.engine.PointsChange;
import java.util.UUID;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.AbstractDeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The change stream read by a Flink job: both topics from their beginning, keyed by contact, each
 * contact's profile after every record ({@link ProfileFoldFunction}). Bounded, it stops at the
 * topics' ends as they are when it starts (a rebuild); unbounded, it follows them (a live copy).
 *
 * <pre>java -cp ... io.leadstream.examples.changes.FlinkProfileReader localhost:9092 [topic-prefix]</pre>
 */
public final class FlinkProfileReader {
    private FlinkProfileReader() {}

    public static void main(String[] args) throws Exception {
        String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
        String prefix = args.length > 1 ? args[1] : "leadstream.";
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        profiles(env, bootstrap, prefix, false).print();
        env.execute("profiles from the change stream");
    }

    public static DataStream<ProfileState> profiles(StreamExecutionEnvironment env, String bootstrap, String prefix, boolean bounded) {
        DataStream<ProfileUpdate> changes = env.fromSource(source(bootstrap, prefix + "contact-changes", bounded, ContactChange.class, ProfileUpdate::of),
                WatermarkStrategy.noWatermarks(), "contact-changes");
        DataStream<ProfileUpdate> points = env.fromSource(source(bootstrap, prefix + "points", bounded, PointsChange.class, ProfileUpdate::of),
                WatermarkStrategy.noWatermarks(), "points");
        return changes.union(points).keyBy(ProfileUpdate::contactId).process(new ProfileFoldFunction(), TypeInformation.of(ProfileState.class))
                .name("profiles");
    }

    private static <T extends SpecificRecord> KafkaSource<ProfileUpdate> source(String bootstrap, String topic, boolean bounded, Class<T> type,
                                                                                SerializableFunction<T, ProfileUpdate> wrap) {
        var builder = KafkaSource.<ProfileUpdate>builder().setBootstrapServers(bootstrap).setTopics(topic)
                .setGroupId("profile-reader-" + UUID.randomUUID()).setStartingOffsets(OffsetsInitializer.earliest())
                .setProperty("isolation.level", "read_committed").setProperty("commit.offsets.on.checkpoint", "false")
                .setValueOnlyDeserializer(new Decoder<>(type, wrap));
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /** A function Flink can ship to its tasks. */
    public interface SerializableFunction<A, B> extends Function<A, B>, java.io.Serializable {}

    /** Avro bytes → the topic's record → a {@link ProfileUpdate}. */
    private static final class Decoder<T extends SpecificRecord> extends AbstractDeserializationSchema<ProfileUpdate> {
        private static final long serialVersionUID = 1L;
        private final AvroCodec<T> codec;
        private final SerializableFunction<T, ProfileUpdate> wrap;

        Decoder(Class<T> type, SerializableFunction<T, ProfileUpdate> wrap) {
            super(ProfileUpdate.class);
            this.codec = AvroCodec.of(type);
            this.wrap = wrap;
        }

        @Override
        public ProfileUpdate deserialize(byte[] message) {
            TrustedRecords.install();
            return wrap.apply(codec.decode(message));
        }
    }
}
