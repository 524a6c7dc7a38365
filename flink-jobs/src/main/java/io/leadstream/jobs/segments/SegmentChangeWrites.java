package io.leadstream.jobs.segments;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.leadstream.schemas.engine.MembershipChangeKind;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.sink.cassandra.CassandraWriteMapper;
import io.leadstream.store.cassandra.table.ContactSegmentsTable;
import io.leadstream.store.cassandra.table.SegmentMembersTable;
import io.leadstream.store.cassandra.table.SegmentMembershipLogTable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

/**
 * A membership change → the members and contact-segments rows and the day's log. The rows carry the
 * change's version as write timestamp (increasing per contact, so the latest decision wins whatever
 * order the writes land in); a change without one, its event time.
 */
public final class SegmentChangeWrites implements CassandraWriteMapper<SegmentMembershipChange> {
    private static final long serialVersionUID = 1L;

    @Override
    public List<String> cqls() {
        return List.of(
                SegmentMembersTable.INSERT,
                ContactSegmentsTable.INSERT,
                SegmentMembersTable.DELETE_USING_TIMESTAMP_BY_SEGMENT_ID_AND_CONTACT_ID,
                ContactSegmentsTable.DELETE_USING_TIMESTAMP_BY_CONTACT_ID_AND_SEGMENT_ID,
                SegmentMembershipLogTable.INSERT);
    }

    @Override
    public void write(List<PreparedStatement> prepared, SegmentMembershipChange c, Consumer<Statement<?>> out) {
        long micros = c.getVersion() > 0 ? c.getVersion() : c.getEventTime().toEpochMilli() * 1000;
        if (c.getKind() == MembershipChangeKind.ENTERED) {
            out.accept(CassandraWriteMapper.bind(prepared.get(0), c.getSegmentId(), c.getContactId(), micros));
            out.accept(CassandraWriteMapper.bind(prepared.get(1), c.getContactId(), c.getSegmentId(), micros));
        } else {
            out.accept(CassandraWriteMapper.bind(prepared.get(2), micros, c.getSegmentId(), c.getContactId()));
            out.accept(CassandraWriteMapper.bind(prepared.get(3), micros, c.getContactId(), c.getSegmentId()));
        }
        out.accept(CassandraWriteMapper.bindPresent(prepared.get(4), new SegmentMembershipLogTable.Row(c.getSegmentId(),
                LocalDate.ofInstant(c.getEventTime(), ZoneOffset.UTC), c.getEventTime(), c.getContactId(), c.getKind().name(), c.getReason()).values()));
    }
}
