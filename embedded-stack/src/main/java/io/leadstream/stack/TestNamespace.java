package io.leadstream.stack;

import io.leadstream.common.config.LeadStreamConfig;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one test owns inside the shared stack: a unique Kafka topic prefix and Cassandra
 * keyspace, so tests never see each other's data and the stack never restarts between them.
 */
public final class TestNamespace {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final LeadStreamStack stack;
    private final String id;

    TestNamespace(LeadStreamStack stack, String testName) {
        this.stack = stack;
        String slug = testName.replaceAll("[^A-Za-z0-9]", "").toLowerCase();
        this.id = "t" + COUNTER.incrementAndGet() + "_" + slug.substring(0, Math.min(20, slug.length()))
                + "_" + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    public String topicPrefix() {
        return id + ".";
    }

    /** Cassandra keyspace names: letters, digits, underscores, at most 48 characters. */
    public String keyspace() {
        return id.length() > 48 ? id.substring(0, 48) : id;
    }

    public LeadStreamStack stack() {
        return stack;
    }

    /** Config for this namespace; the keyspace is created on first call. */
    public LeadStreamConfig config() {
        stack.cassandra().createKeyspace(keyspace());
        return stack.config(topicPrefix(), keyspace());
    }

    public void createTopics(int partitions, List<String> names) {
        stack.kafka().createTopics(partitions, names);
    }
}
