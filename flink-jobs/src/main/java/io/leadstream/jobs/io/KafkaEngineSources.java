package io.leadstream.jobs.io;

import io.leadstream.common.config.EngineOptions;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.jobs.definitions.DefinitionDeserializer;
import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.jobs.definitions.DefinitionWatermarks;
import io.leadstream.schemas.engine.SegmentCommand;
import io.leadstream.schemas.event.TrackingEvent;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Reads the raw-events, definitions and segment-commands topics. Event time is the gateway's stamp. */
public final class KafkaEngineSources implements EngineSources {
    private final LeadStreamConfig config;

    public KafkaEngineSources(LeadStreamConfig config) {
        this.config = config;
    }

    @Override
    public DataStream<TrackingEvent> rawEvents(StreamExecutionEnvironment env) {
        KafkaSource<TrackingEvent> source = KafkaSource.<TrackingEvent>builder()
                .setBootstrapServers(config.get(KafkaOptions.BOOTSTRAP_SERVERS))
                .setTopics(TopicNames.from(config).rawEvents())
                .setGroupId(config.get(EngineOptions.GROUP_ID))
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new AvroRecordDeserializer<>(TrackingEvent.class))
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
        Duration bound = config.get(EngineOptions.MAX_OUT_OF_ORDERNESS);
        boolean followClock = config.get(EngineOptions.WATERMARK_FOLLOWS_CLOCK);
        WatermarkStrategy<TrackingEvent> watermarks = WatermarkStrategy
                .<TrackingEvent>forGenerator(ctx -> new GatewayClockWatermarks(bound, followClock, System::currentTimeMillis))
                .withTimestampAssigner((event, ts) -> event.getEventTime().toEpochMilli())
                .withIdleness(config.get(EngineOptions.IDLE_TIMEOUT));
        return env.fromSource(source, watermarks, "raw-events").uid("raw-events-source");
    }

    @Override
    public DataStream<DefinitionRecord> definitions(StreamExecutionEnvironment env) {
        KafkaSource<DefinitionRecord> source = KafkaSource.<DefinitionRecord>builder()
                .setBootstrapServers(config.get(KafkaOptions.BOOTSTRAP_SERVERS))
                .setTopics(TopicNames.from(config).definitions())
                .setGroupId(config.get(EngineOptions.GROUP_ID) + "-definitions")
                // Compacted: all of it, every fresh start. A restored job resumes from its checkpoint.
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new DefinitionDeserializer())
                .build();
        return env.fromSource(source, DefinitionWatermarks.strategy(), "definitions").uid("definitions-source").setParallelism(1);
    }

    @Override
    public DataStream<SegmentCommand> segmentCommands(StreamExecutionEnvironment env) {
        KafkaSource<SegmentCommand> source = KafkaSource.<SegmentCommand>builder()
                .setBootstrapServers(config.get(KafkaOptions.BOOTSTRAP_SERVERS))
                .setTopics(TopicNames.from(config).segmentCommands())
                .setGroupId(config.get(EngineOptions.GROUP_ID) + "-segment-commands")
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new AvroRecordDeserializer<>(SegmentCommand.class))
                .build();
        return env.fromSource(source, DefinitionWatermarks.strategy(), "segment-commands").uid("segment-commands-source");
    }
}
