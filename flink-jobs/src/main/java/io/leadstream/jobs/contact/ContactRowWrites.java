package io.leadstream.jobs.contact;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.leadstream.jobs.points.PointsChangeWrites;
import io.leadstream.sink.cassandra.CassandraWriteMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A {@link ContactRow} → the writes of its points change ({@link PointsChangeWrites}) or of its view ({@link ContactViewWrites}). */
public final class ContactRowWrites implements CassandraWriteMapper<ContactRow> {
    private static final long serialVersionUID = 1L;

    private final PointsChangeWrites points = new PointsChangeWrites();
    private final ContactViewWrites views = new ContactViewWrites();

    @Override
    public List<String> cqls() {
        List<String> all = new ArrayList<>(points.cqls());
        all.addAll(views.cqls());
        return all;
    }

    @Override
    public void write(List<PreparedStatement> prepared, ContactRow row, Consumer<Statement<?>> out) {
        int split = points.cqls().size();
        if (row.points != null) {
            points.write(prepared.subList(0, split), row.points, out);
        } else {
            views.write(prepared.subList(split, prepared.size()), row.view, out);
        }
    }
}
