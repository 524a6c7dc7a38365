package io.leadstream.jobs.io;

import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.schemas.engine.CompanyCommand;
import io.leadstream.schemas.engine.ContactHandover;
import io.leadstream.schemas.engine.DeliveryResult;
import io.leadstream.schemas.engine.SegmentCommand;
import io.leadstream.schemas.event.TrackingEvent;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Where the engine's input comes from; production reads Kafka, tests may plug anything in. */
public interface EngineSources {

    /** Raw gateway events with event-time timestamps and watermarks assigned. */
    DataStream<TrackingEvent> rawEvents(StreamExecutionEnvironment env);

    /** Definitions (kind/id → JSON, or deleted), from the beginning: the contact-keyed stages broadcast them. */
    DataStream<DefinitionRecord> definitions(StreamExecutionEnvironment env);

    /**
     * Segment membership set by hand. Applied as they arrive, stamped with the time they were
     * asked for: they hold back no event-time clock (like definitions).
     */
    DataStream<SegmentCommand> segmentCommands(StreamExecutionEnvironment env);

    /** Merged contacts' profiles and late signals, handed to their survivor; like commands, they hold back no clock. */
    DataStream<ContactHandover> contactHandovers(StreamExecutionEnvironment env);

    /** The company-commands topic: the API's company writes and companies' handovers to each other; they hold back no clock. */
    DataStream<CompanyCommand> companyCommands(StreamExecutionEnvironment env);

    /** The send workers' delivery results, for email stats; like commands, they hold back no clock. */
    DataStream<DeliveryResult> deliveryResults(StreamExecutionEnvironment env);
}
