package io.leadstream.sink.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import io.leadstream.common.config.CassandraOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.store.cassandra.CassandraSessionFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * One driver session per cluster for all sink writers in a JVM (a TaskManager, or a job's class
 * loader on a shared cluster): a session is a connection pool with its own threads, and the engine
 * has several Cassandra sinks times its parallelism. Reference-counted: the last writer closes it.
 */
final class SharedSessions {
    private record Shared(CqlSession session, int users) {}

    private static final Map<String, Shared> SESSIONS = new HashMap<>();

    private SharedSessions() {}

    static synchronized CqlSession acquire(LeadStreamConfig config) {
        String key = key(config);
        Shared shared = SESSIONS.get(key);
        CqlSession session = shared == null ? CassandraSessionFactory.open(config) : shared.session();
        SESSIONS.put(key, new Shared(session, shared == null ? 1 : shared.users() + 1));
        return session;
    }

    static synchronized void release(LeadStreamConfig config) {
        String key = key(config);
        Shared shared = SESSIONS.get(key);
        if (shared == null) {
            return;
        }
        if (shared.users() <= 1) {
            SESSIONS.remove(key);
            shared.session().close();
        } else {
            SESSIONS.put(key, new Shared(shared.session(), shared.users() - 1));
        }
    }

    /** What makes two sessions different; statements name their keyspace, so it is not part of it. */
    private static String key(LeadStreamConfig config) {
        return config.get(CassandraOptions.CONTACT_POINTS) + "|" + config.get(CassandraOptions.LOCAL_DATACENTER)
                + "|" + config.get(CassandraOptions.REQUEST_TIMEOUT);
    }
}
