package io.leadstream.jobs.points;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.sink.cassandra.CassandraWriteMapper;
import java.util.List;
import java.util.function.Consumer;

/**
 * A points change → the contact's current score (written with the change's per-contact sequence as
 * its timestamp, so a replayed or reordered older write never overwrites a newer score) and a row
 * of its points log (idempotent by action and causing event).
 */
public final class PointsChangeWrites implements CassandraWriteMapper<PointsChange> {
    private static final long serialVersionUID = 1L;

    @Override
    public List<String> cqls() {
        return List.of(
                "UPDATE {ks}.contact_scores USING TIMESTAMP ? SET score = ? WHERE contact_id = ? AND score_group = ?",
                "INSERT INTO {ks}.points_log (contact_id, event_time, change_id, delta, score, score_group, action_id, cause_event) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    }

    @Override
    public void write(List<PreparedStatement> prepared, PointsChange c, Consumer<Statement<?>> out) {
        String group = c.getGroup() == null ? "" : c.getGroup();
        out.accept(prepared.get(0).bind(c.getSequence(), c.getTotal(), c.getContactId(), group));
        out.accept(CassandraWriteMapper.bindPresent(prepared.get(1), c.getContactId(), c.getEventTime(),
                c.getActionId() + "@" + c.getCauseEventId(), c.getDelta(), c.getTotal(), group, c.getActionId(), c.getCauseEventId()));
    }
}
