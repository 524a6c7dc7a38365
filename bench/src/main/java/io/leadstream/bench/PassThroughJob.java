package io.leadstream.bench;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.jobs.io.KafkaEngineSources;
import io.leadstream.jobs.io.KafkaSinks;
import io.leadstream.schemas.event.TrackingEvent;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The ceiling the engine benchmarks compare with: raw-events read with the engine's source and
 * written to Kafka with the engine's sink, nothing else. The cost of moving an event through Flink
 * between two topics (decode, watermarks, encode).
 */
public final class PassThroughJob {
    private PassThroughJob() {}

    public static void build(StreamExecutionEnvironment env, LeadStreamConfig config, String out) {
        DataStream<TrackingEvent> raw = new KafkaEngineSources(config).rawEvents(env);
        raw.sinkTo(KafkaSinks.avro(config, out, TrackingEvent.class, TrackingEvent::getDeviceId))
                .name("pass-through").uid("pass-through-sink");
    }
}
