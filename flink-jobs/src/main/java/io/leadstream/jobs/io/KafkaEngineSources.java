package io.leadstream.jobs.io;

import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.jobs.EngineOptions;
import io.leadstream.jobs.definitions.DefinitionDeserializer;
import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.schemas.engine.CompanyCommand;
import io.leadstream.schemas.engine.ContactHandover;
import io.leadstream.schemas.engine.DeliveryResult;
import io.leadstream.schemas.engine.SegmentCommand;
import io.leadstream.schemas.event.TrackingEvent;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Reads the raw-events, definitions, segment-commands, contact-handovers, company-commands and delivery-results topics. Event time is the gateway's stamp. */
public final class KafkaEngineSources implements EngineSources {
    static final int IDLE_FETCH_WAIT_MS = 5_000;

    private final LeadStreamConfig config;

    public KafkaEngineSources(LeadStreamConfig config) {
        this.config = config;
    }

    @Override
    public DataStream<TrackingEvent> rawEvents(StreamExecutionEnvironment env) {
        KafkaSource<TrackingEvent> source = source(TopicNames.from(config).rawEvents(), "", committedOrEarliest(),
                new AvroRecordDeserializer<>(TrackingEvent.class));
        Duration bound = config.get(EngineOptions.MAX_OUT_OF_ORDERNESS);
        boolean followClock = config.get(EngineOptions.WATERMARK_FOLLOWS_CLOCK);
        WatermarkStrategy<TrackingEvent> watermarks = WatermarkStrategy
                .<TrackingEvent>forGenerator(ctx -> new GatewayClockWatermarks(bound, followClock, System::currentTimeMillis))
                .withTimestampAssigner((event, ts) -> event.getEventTime().toEpochMilli());
        if (!followClock) {
            // Only without the clock: an idle events input leaves the stages that join it with the timeless inputs
            // (definitions, commands) at their "no limit" watermark, which fires every timer at once: a seven-day
            // wait would end as soon as the site went quiet. Following the clock, a quiet partition keeps time itself.
            watermarks = watermarks.withIdleness(config.get(EngineOptions.IDLE_TIMEOUT));
        }
        return env.fromSource(source, watermarks, "raw-events").uid("raw-events-source");
    }

    @Override
    public DataStream<DefinitionRecord> definitions(StreamExecutionEnvironment env) {
        // Compacted: all of it, every fresh start. A restored job resumes from its checkpoint.
        KafkaSource<DefinitionRecord> source = source(TopicNames.from(config).definitions(), "-definitions",
                OffsetsInitializer.earliest(), new DefinitionDeserializer());
        return env.fromSource(source, TimelessWatermarks.strategy(), "definitions").uid("definitions-source").setParallelism(1);
    }

    @Override
    public DataStream<SegmentCommand> segmentCommands(StreamExecutionEnvironment env) {
        KafkaSource<SegmentCommand> source = source(TopicNames.from(config).segmentCommands(), "-segment-commands",
                committedOrEarliest(), new AvroRecordDeserializer<>(SegmentCommand.class));
        return env.fromSource(source, TimelessWatermarks.strategy(), "segment-commands").uid("segment-commands-source");
    }

    @Override
    public DataStream<ContactHandover> contactHandovers(StreamExecutionEnvironment env) {
        KafkaSource<ContactHandover> source = source(TopicNames.from(config).contactHandovers(), "-contact-handovers",
                committedOrEarliest(), new AvroRecordDeserializer<>(ContactHandover.class));
        return env.fromSource(source, TimelessWatermarks.strategy(), "contact-handovers").uid("contact-handovers-source");
    }

    @Override
    public DataStream<CompanyCommand> companyCommands(StreamExecutionEnvironment env) {
        KafkaSource<CompanyCommand> source = source(TopicNames.from(config).companyCommands(), "-company-commands",
                committedOrEarliest(), new AvroRecordDeserializer<>(CompanyCommand.class));
        return env.fromSource(source, TimelessWatermarks.strategy(), "company-commands").uid("company-commands-source");
    }

    @Override
    public DataStream<DeliveryResult> deliveryResults(StreamExecutionEnvironment env) {
        KafkaSource<DeliveryResult> source = source(TopicNames.from(config).deliveryResults(), "-delivery-results",
                committedOrEarliest(), new AvroRecordDeserializer<>(DeliveryResult.class));
        return env.fromSource(source, TimelessWatermarks.strategy(), "delivery-results").uid("delivery-results-source");
    }

    private static OffsetsInitializer committedOrEarliest() {
        return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
    }

    /** Each topic is read by its own consumer group, named after the engine's. */
    private <T> KafkaSource<T> source(String topic, String groupSuffix, OffsetsInitializer start,
                                      KafkaRecordDeserializationSchema<T> deserializer) {
        return KafkaSource.<T>builder()
                .setBootstrapServers(config.get(KafkaOptions.BOOTSTRAP_SERVERS))
                .setTopics(topic)
                .setGroupId(config.get(EngineOptions.GROUP_ID) + groupSuffix)
                .setStartingOffsets(start)
                .setDeserializer(deserializer)
                .setProperty("partition.discovery.interval.ms", "60000")
                // A fetch returns as soon as a record is there, so a long wait adds nothing to a reaction; it only spaces
                // out the empty fetches of a quiet topic (at the default 500 ms, 11 readers asked the broker 22 times a second).
                .setProperty("fetch.max.wait.ms", String.valueOf(IDLE_FETCH_WAIT_MS))
                // The engine reads back what it writes in Kafka transactions (contact-handovers): a transaction a failed job
                // left open is aborted on restore, and its records must not be read.
                .setProperty("isolation.level", "read_committed")
                .build();
    }
}
