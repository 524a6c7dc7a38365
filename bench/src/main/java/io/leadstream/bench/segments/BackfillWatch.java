package io.leadstream.bench.segments;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Follows the backfill progress lines of one segment revision until every subtask has reported it finished. */
final class BackfillWatch {
    /** As the engine measured it: from the first subtask's start to the last one's end. */
    record Result(long contacts, long engineMillis, long wallMillis) {}

    private BackfillWatch() {}

    static Result await(String bootstrap, String topic, String segment, long revision, int subtasks, long sentNanos, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<Integer, String[]> finished = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (finished.size() < subtasks) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Backfill of " + segment + " not finished within " + timeout + ": " + finished.size()
                            + " of " + subtasks + " subtasks done");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                    // segment revision subtask subtasks contacts startedAt finishedAt|-
                    String[] f = r.value().split(" ");
                    if (f[0].equals(segment) && Long.parseLong(f[1]) == revision && !f[6].equals("-")) {
                        finished.put(Integer.parseInt(f[2]), f);
                    }
                }
            }
        }
        long wall = (System.nanoTime() - sentNanos) / 1_000_000;
        long contacts = finished.values().stream().mapToLong(f -> Long.parseLong(f[4])).sum();
        long started = finished.values().stream().mapToLong(f -> Long.parseLong(f[5])).min().orElseThrow();
        long ended = finished.values().stream().mapToLong(f -> Long.parseLong(f[6])).max().orElseThrow();
        return new Result(contacts, ended - started, wall);
    }
}
