package io.leadstream.jobs.overview;

import io.leadstream.schemas.event.TrackingEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Events per minute for the dashboard's overview: the contact events the engine stores, counted per
 * one-minute of event time where they pass ({@link MinuteCounter}, chained: no exchange per event),
 * each subtask writing its own shard of a minute; readers add the shards up.
 */
public final class EventCountsStage {
    private EventCountsStage() {}

    public static DataStream<MinuteCount> apply(DataStream<TrackingEvent> stored) {
        return stored.transform("event-counts", TypeInformation.of(MinuteCount.class), new MinuteCounter()).uid("event-minute-counts");
    }
}
