package io.leadstream.jobs.io;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.jobs.timeline.DeviceEventRowMapper;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.sink.cassandra.CassandraSink;
import org.apache.flink.api.connector.sink2.Sink;

/** The engine's Cassandra outputs. */
public final class CassandraEngineSinks implements EngineSinks {
    private static final long serialVersionUID = 1L;

    private final LeadStreamConfig config;

    public CassandraEngineSinks(LeadStreamConfig config) {
        this.config = config;
    }

    @Override
    public Sink<TrackingEvent> deviceTimeline() {
        return new CassandraSink<>(config, new DeviceEventRowMapper());
    }
}
