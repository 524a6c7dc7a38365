package io.leadstream.jobs;

import io.leadstream.jobs.io.EngineSinks;
import io.leadstream.jobs.io.EngineSources;
import io.leadstream.schemas.event.TrackingEvent;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Composes the engine from its stages, each wired from the previous one's output. Sources and
 * sinks come in from outside so tests can plug their own. Every stateful operator and every
 * sink has a stable uid, so a job can be upgraded and restored from a savepoint.
 */
public final class EngineTopology {
    private EngineTopology() {}

    public static void build(StreamExecutionEnvironment env, EngineSources sources, EngineSinks sinks) {
        DataStream<TrackingEvent> raw = sources.rawEvents(env);
        raw.sinkTo(sinks.deviceTimeline()).name("device-timeline").uid("device-timeline-sink");
    }
}
