package io.leadstream.jobs.io;

import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.schemas.event.TrackingEvent;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Where the engine's input comes from; production reads Kafka, tests may plug anything in. */
public interface EngineSources {

    /** Raw gateway events with event-time timestamps and watermarks assigned. */
    DataStream<TrackingEvent> rawEvents(StreamExecutionEnvironment env);

    /** Definitions (kind/id → JSON, or deleted), from the beginning: the contact-keyed stages broadcast them. */
    DataStream<DefinitionRecord> definitions(StreamExecutionEnvironment env);
}
