package io.leadstream.jobs.contact;

import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.jobs.EngineOptions;
import io.leadstream.jobs.campaigns.CampaignDefinitions;
import io.leadstream.jobs.definitions.DefinitionJson;
import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.jobs.definitions.DefinitionsSnapshot;
import io.leadstream.jobs.io.AvroRecordDeserializer;
import io.leadstream.jobs.io.EmptyStreams;
import io.leadstream.schemas.engine.ContactHandover;
import io.leadstream.schemas.engine.IdentityChange;
import io.leadstream.schemas.engine.SegmentCommand;
import io.leadstream.schemas.event.TrackingEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The engine's own contact processor over a replay of what it recorded (the contact-events topic,
 * as far back as it keeps), as a bounded job in batch mode on a local Flink, with the definitions
 * given instead of the live ones: what a campaign dry run and a segment preview ask of it. Nothing
 * is written. Merges and hand-made segment changes are left out: each provisional id runs as its own
 * contact, and only filters decide membership.
 */
public final class ContactReplay {
    private ContactReplay() {}

    public static StreamExecutionEnvironment environment(LeadStreamConfig config) {
        Configuration flink = new Configuration();
        flink.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        return StreamExecutionEnvironment.createLocalEnvironment(config.get(EngineOptions.PARALLELISM), flink);
    }

    /**
     * Today's definitions (read from the definitions topic) with no campaign, and {@code json} as the
     * definition of {@code kind}: a dry run runs its own campaign alone, a preview none.
     */
    public static Map<String, String> definitionsWith(LeadStreamConfig config, String kind, String json) {
        String id = DefinitionJson.read(json, com.fasterxml.jackson.databind.JsonNode.class).path("id").asText();
        Map<String, String> definitions = new HashMap<>(DefinitionsSnapshot.read(config));
        definitions.keySet().removeIf(key -> key.startsWith(TopicNames.definitionKey(CampaignDefinitions.KIND, "")));
        definitions.put(TopicNames.definitionKey(kind, id), json);
        return definitions;
    }

    /** {@code definitions}: definition key (see {@link TopicNames#definitionKey}) to its JSON. */
    public static ContactStage.Output contactStage(StreamExecutionEnvironment env, LeadStreamConfig config, Map<String, String> definitions) {
        DataStream<TrackingEvent> events = replay(env, config, TopicNames.from(config).contactEvents());
        return ContactStage.apply(events, EmptyStreams.of(events, IdentityChange.class),
                EmptyStreams.of(events, SegmentCommand.class), EmptyStreams.of(events, ContactHandover.class),
                EmptyStreams.of(events, DefinitionRecord.class), ProfileSettings.from(config), definitions);
    }

    private static DataStream<TrackingEvent> replay(StreamExecutionEnvironment env, LeadStreamConfig config, String topic) {
        KafkaSource<TrackingEvent> source = KafkaSource.<TrackingEvent>builder()
                .setBootstrapServers(config.get(KafkaOptions.BOOTSTRAP_SERVERS))
                .setTopics(topic)
                .setGroupId("leadstream-replay-" + UUID.randomUUID())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setProperty("isolation.level", "read_committed")
                .setDeserializer(new AvroRecordDeserializer<>(TrackingEvent.class))
                .build();
        return env.fromSource(source, WatermarkStrategy.<TrackingEvent>noWatermarks()
                .withTimestampAssigner((e, ts) -> e.getEventTime().toEpochMilli()), "replay " + topic);
    }
}
