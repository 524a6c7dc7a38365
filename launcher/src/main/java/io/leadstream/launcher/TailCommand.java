package io.leadstream.launcher;

import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.engine.CompanyChange;
import io.leadstream.schemas.engine.ContactChange;
import io.leadstream.schemas.engine.DeliveryResult;
import io.leadstream.schemas.engine.IdentityChange;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SegmentCommand;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.TrackingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code leadstream tail}: follow one of LeadStream's topics, one JSON line per record (Avro's own
 * JSON rendering), from now or from the beginning. No consumer group: it never moves anyone's offsets.
 */
@Command(name = "tail", mixinStandardHelpOptions = true, description = "Print the records of an event stream as they arrive.")
final class TailCommand implements Callable<Integer> {
    /** The streams worth watching, by the name the topic has after its prefix. */
    private static final Map<String, Function<TopicNames, String>> TOPICS = Map.of(
            "raw-events", TopicNames::rawEvents, "contact-events", TopicNames::contactEvents, "identity", TopicNames::identity,
            "points", TopicNames::points, "segment-changes", TopicNames::segmentChanges, "segment-commands", TopicNames::segmentCommands,
            "send-commands", TopicNames::sendCommands, "delivery-results", TopicNames::deliveryResults,
            "contact-changes", TopicNames::contactChanges, "company-changes", TopicNames::companyChanges);
    private static final Map<String, AvroCodec<? extends SpecificRecord>> CODECS = Map.of(
            "raw-events", AvroCodec.of(TrackingEvent.class), "contact-events", AvroCodec.of(TrackingEvent.class),
            "identity", AvroCodec.of(IdentityChange.class), "points", AvroCodec.of(PointsChange.class),
            "segment-changes", AvroCodec.of(SegmentMembershipChange.class), "segment-commands", AvroCodec.of(SegmentCommand.class),
            "send-commands", AvroCodec.of(SendCommand.class), "delivery-results", AvroCodec.of(DeliveryResult.class),
            "contact-changes", AvroCodec.of(ContactChange.class), "company-changes", AvroCodec.of(CompanyChange.class));

    @Option(names = "--topic", defaultValue = "contact-events",
            description = "raw-events, contact-events, identity, points, contact-changes, company-changes, segment-changes, segment-commands, send-commands or delivery-results. Default: ${DEFAULT-VALUE}.")
    String topic;

    @Mixin
    KafkaTopicOptions kafka;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of now.")
    boolean fromBeginning;

    @Option(names = {"-n", "--limit"}, defaultValue = "0", description = "Stop after this many records (0: never).")
    long limit;

    @Option(names = "--contact", description = "Only records that mention this contact or device id.")
    String contact;

    @Override
    public Integer call() {
        if (!TOPICS.containsKey(topic)) {
            System.err.println("Unknown topic " + topic + "; one of " + TOPICS.keySet());
            return 1;
        }
        LeadStreamConfig config = kafka.config();
        String name = TOPICS.get(topic).apply(TopicNames.from(config));
        AvroCodec<? extends SpecificRecord> codec = CODECS.get(topic);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(KafkaOptions.BOOTSTRAP_SERVERS));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long printed = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(name, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(name, info.partition())).toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            while (limit == 0 || printed < limit) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    String json = render(codec, r.value());
                    if (contact != null && !json.contains("\"" + contact + "\"")) {
                        continue;
                    }
                    System.out.println(Instant.ofEpochMilli(r.timestamp()) + " " + json);
                    if (limit != 0 && ++printed >= limit) {
                        break;
                    }
                }
                System.out.flush();
            }
        }
        return 0;
    }

    private static String render(AvroCodec<? extends SpecificRecord> codec, byte[] value) {
        if (value == null) {
            return "null";
        }
        try {
            return codec.decode(value).toString();
        } catch (RuntimeException e) {
            return "{\"undecodable\": \"" + e.getClass().getSimpleName() + "\"}";
        }
    }
}
