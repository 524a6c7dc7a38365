package io.leadstream.workers;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.List;
import java.util.function.Consumer;

/** Runs a query whose only bind value is a list of partition keys ({@code ... IN ?}), a hundred keys per request. */
final class InQueries {
    private static final int CHUNK = 100;

    private InQueries() {}

    static void each(CqlSession session, PreparedStatement query, List<String> keys, Consumer<Row> row) {
        for (int from = 0; from < keys.size(); from += CHUNK) {
            session.execute(query.bind(keys.subList(from, Math.min(keys.size(), from + CHUNK)))).forEach(row);
        }
    }
}
