package io.leadstream.gateway.definitions;

import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every definition (forms, assets, ...) in memory, kept current by reading the compacted
 * definitions topic from the beginning: the topic is the source of truth, each gateway a replica.
 */
public final class DefinitionsCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DefinitionsCache.class);

    private final Map<String, JsonObject> byKey = new ConcurrentHashMap<>();
    /** Counts changes, so what is built from definitions (a page's markup) knows when to build again. */
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();
    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    public DefinitionsCache(LeadStreamConfig config) {
        this.topic = TopicNames.from(config).definitions();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(KafkaOptions.BOOTSTRAP_SERVERS));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "leadstream-gateway-definitions");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        this.thread = new Thread(this::run, "definitions-cache");
        this.thread.setDaemon(true);
    }

    public DefinitionsCache start() {
        thread.start();
        return this;
    }

    public void awaitCaughtUp(Duration timeout) {
        try {
            if (!caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Definitions topic " + topic + " not read within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Optional<JsonObject> get(String kind, String id) {
        // Any text may be asked (a path's id as sent): what is no stored id is simply not there.
        return id == null ? Optional.empty() : Optional.ofNullable(byKey.get(key(kind, id)));
    }

    /** Every definition of a kind, by id order. */
    public java.util.SortedMap<String, JsonObject> all(String kind) {
        String prefix = key(kind, "");
        java.util.SortedMap<String, JsonObject> out = new java.util.TreeMap<>();
        byKey.forEach((k, doc) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), doc);
            }
        });
        return out;
    }

    /** Applies a write locally right after Kafka acknowledged it (read-your-writes on this node). */
    void applied(String kind, String id, JsonObject document) {
        if (document == null) {
            byKey.remove(key(kind, id));
        } else {
            byKey.put(key(kind, id), document);
        }
        version.incrementAndGet();
    }

    /** Changes when any definition changes (after the change is visible). */
    public long version() {
        return version.get();
    }

    public static String key(String kind, String id) {
        return TopicNames.definitionKey(kind, id);
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    apply(r);
                }
                if (caughtUp.getCount() > 0 && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    LOG.info("Definitions loaded: {} documents", byKey.size());
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("Definitions cache stopped", e);
        } finally {
            consumer.close();
        }
    }

    private void apply(ConsumerRecord<String, String> r) {
        if (r.key() == null) {
            return;
        }
        if (r.value() == null) {
            byKey.remove(r.key());
            version.incrementAndGet();
            return;
        }
        try {
            byKey.put(r.key(), new JsonObject(r.value()));
            version.incrementAndGet();
        } catch (DecodeException e) {
            LOG.warn("Ignoring unreadable definition {} at offset {}: {}", r.key(), r.offset(), e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
