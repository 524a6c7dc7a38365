package io.leadstream.jobs.points;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.sink.cassandra.CassandraWriteMapper;
import io.leadstream.store.cassandra.table.ContactTimelineTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A points change → a row of the contact's timeline (kind {@code points}, with the delta, the score
 * after it, its group, reason and causing event), idempotent by action and causing event. The
 * timeline is the points log: the API and the GDPR export read it there, and the score itself is in
 * the contact's profile view.
 */
public final class PointsChangeWrites implements CassandraWriteMapper<PointsChange> {
    private static final long serialVersionUID = 1L;
    public static final String TIMELINE_KIND = "points";

    @Override
    public List<String> cqls() {
        return List.of(ContactTimelineTable.INSERT_KIND_AND_DETAIL);
    }

    @Override
    public void write(List<PreparedStatement> prepared, PointsChange c, Consumer<Statement<?>> out) {
        String group = c.getGroup() == null ? "" : c.getGroup();
        String changeId = c.getActionId() + "@" + c.getCauseEventId();
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("delta", Integer.toString(c.getDelta()));
        detail.put("points", Integer.toString(c.getTotal()));
        if (!group.isEmpty()) {
            detail.put("group", group);
        }
        if (c.getActionId() != null) {
            detail.put("reason", c.getActionId());
        }
        if (c.getCauseEventId() != null) {
            detail.put("cause", c.getCauseEventId());
        }
        out.accept(CassandraWriteMapper.bind(prepared.get(0),
                new ContactTimelineTable.Row(c.getContactId(), c.getEventTime(), "points:" + changeId, TIMELINE_KIND, null, null, null, detail)
                        .kindAndDetailValues()));
    }
}
