package io.leadstream.jobs.campaigns;

import io.leadstream.common.config.EngineOptions;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.jobs.definitions.DefinitionJson;
import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.jobs.definitions.DefinitionsBroadcast;
import io.leadstream.jobs.io.AvroRecordDeserializer;
import io.leadstream.jobs.io.EmptyStreams;
import io.leadstream.schemas.engine.CampaignCommand;
import io.leadstream.schemas.engine.CampaignHandover;
import io.leadstream.schemas.engine.IdentityChange;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.event.TrackingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs a campaign over a replay of what the engine recorded (the contact-events, segment-changes
 * and points topics, as far back as they keep), with nothing sent and nothing written: the same
 * campaign stage, as a bounded job in batch mode on a local Flink. Time is the recorded events' own:
 * every wait falls due at its instant in the replay, and steps due after the replay's last event run
 * too (as if nothing else happened) unless {@code until} cuts them off. The contact changes a
 * campaign makes (tags, fields, points) are not fed back into the replay.
 */
public final class CampaignDryRun {
    /** A send the campaign would make. */
    public record Send(String contactId, String eventId, String what, Instant due) {}

    /** The sends in time order, and per event the count of each outcome (ENTERED under the empty event id). */
    public record Result(String campaignId, List<Send> sends, Map<String, Map<String, Long>> stats) {
        public long entered() {
            return stats.getOrDefault("", Map.of()).getOrDefault("ENTERED", 0L);
        }
    }

    private CampaignDryRun() {}

    public static Result run(LeadStreamConfig config, String campaignJson, Instant until) throws Exception {
        String campaignId = DefinitionJson.read(campaignJson, com.fasterxml.jackson.databind.JsonNode.class).path("id").asText();
        Configuration flink = new Configuration();
        flink.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config.get(EngineOptions.PARALLELISM), flink);
        TopicNames topics = TopicNames.from(config);
        DataStream<TrackingEvent> events = replay(env, config, topics.contactEvents(), TrackingEvent.class, (e, ts) -> e.getEventTime().toEpochMilli());
        DataStream<SegmentMembershipChange> segments = replay(env, config, topics.segmentChanges(), SegmentMembershipChange.class,
                (c, ts) -> c.getEventTime().toEpochMilli());
        DataStream<PointsChange> points = replay(env, config, topics.points(), PointsChange.class, (c, ts) -> c.getEventTime().toEpochMilli());
        // Batch mode reads the broadcast side whole before the contacts: the campaign is there from the first signal.
        DataStream<DefinitionRecord> definition = env.fromData(List.of(new DefinitionRecord(CampaignDefinitions.KIND, campaignId, campaignJson)),
                TypeInformation.of(DefinitionRecord.class));
        // Merges are left out: a replay of provisional ids runs each as its own contact.
        CampaignStage.Output out = CampaignStage.apply(events, segments, points, EmptyStreams.of(events, CampaignCommand.class),
                EmptyStreams.of(events, IdentityChange.class), EmptyStreams.of(events, CampaignHandover.class),
                definition.broadcast(DefinitionsBroadcast.STATE));
        TypeInformation<DryRunLine> line = TypeInformation.of(DryRunLine.class);
        DataStream<DryRunLine> lines = out.sends()
                .map(s -> new DryRunLine(true, s.getContactId(), s.getCampaignEventId(),
                        s.getEmailId() != null ? "email " + s.getEmailId() : s.getChannel() + " " + s.getWebhookUrl(), s.getDueTime().toEpochMilli()), line)
                .union(out.log().map(e -> new DryRunLine(false, e.getContactId(), e.getCampaignEventId(), e.getOutcome().name(),
                        e.getEventTime().toEpochMilli()), line));
        long limit = until == null ? Long.MAX_VALUE : until.toEpochMilli();
        List<Send> sends = new ArrayList<>();
        Map<String, Map<String, Long>> stats = new TreeMap<>();
        try (CloseableIterator<DryRunLine> it = lines.executeAndCollect("dry-run-" + campaignId)) {
            while (it.hasNext()) {
                DryRunLine l = it.next();
                if (l.time > limit) {
                    continue;
                }
                if (l.send) {
                    sends.add(new Send(l.contactId, l.eventId, l.what, Instant.ofEpochMilli(l.time)));
                } else {
                    stats.computeIfAbsent(l.eventId, k -> new TreeMap<>()).merge(l.what, 1L, Long::sum);
                }
            }
        }
        sends.sort(Comparator.comparing(Send::due).thenComparing(Send::contactId).thenComparing(Send::eventId));
        return new Result(campaignId, sends, stats);
    }

    private static <T extends SpecificRecordBase> DataStream<T> replay(StreamExecutionEnvironment env, LeadStreamConfig config, String topic,
                                                                      Class<T> type, SerializableTimestampAssigner<T> time) {
        KafkaSource<T> source = KafkaSource.<T>builder()
                .setBootstrapServers(config.get(KafkaOptions.BOOTSTRAP_SERVERS))
                .setTopics(topic)
                .setGroupId("leadstream-dry-run-" + UUID.randomUUID())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setProperty("isolation.level", "read_committed")
                .setDeserializer(new AvroRecordDeserializer<>(type))
                .build();
        return env.fromSource(source, WatermarkStrategy.<T>noWatermarks().withTimestampAssigner(time), "replay " + topic);
    }
}
