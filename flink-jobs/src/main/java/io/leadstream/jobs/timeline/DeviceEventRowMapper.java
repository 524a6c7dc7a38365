package io.leadstream.jobs.timeline;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.sink.cassandra.CassandraRowMapper;
import io.leadstream.sink.cassandra.CassandraWriteMapper;

/** One event (as the identity stage lets it through, contact resolved) → one row of {@code events_by_device} (an idempotent upsert by event id). */
public final class DeviceEventRowMapper implements CassandraRowMapper<TrackingEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public String cql() {
        return "INSERT INTO {ks}.events_by_device (device_id, event_time, event_id, kind, source, contact_id, url, title, "
                + "referrer, ip, user_agent, trackable, fields, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    @Override
    public BoundStatement bind(PreparedStatement statement, TrackingEvent e) {
        Object payload = e.getPayload();
        PageHit page = payload instanceof PageHit p ? p : null;
        String device = e.getDeviceId() != null ? e.getDeviceId() : "contact:" + e.getContactId();
        return CassandraWriteMapper.bindPresent(statement,
                device,
                e.getEventTime(),
                e.getEventId(),
                EventKinds.kind(payload),
                e.getSource().name(),
                e.getContactId(),
                page == null ? null : page.getUrl(),
                page == null ? null : page.getTitle(),
                page == null ? null : page.getReferrer(),
                e.getContext().getIp(),
                e.getContext().getUserAgent(),
                e.getContext().getTrackable(),
                e.getFields(),
                EventKinds.attributes(payload));
    }
}
