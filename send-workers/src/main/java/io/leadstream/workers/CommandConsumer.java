package io.leadstream.workers;

import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.engine.SendCommand;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker process's member of the send workers' consumer group on {@code send-commands}: Kafka
 * gives each partition to one member and moves a dead member's partitions to the others after the
 * session timeout. Runs on one thread (the consumer is not thread-safe): hands each record's command
 * to the process's send threads, and commits, per partition, the offset of the lowest record not
 * finished ({@link PartitionProgress}). A partition taken away is committed up to what its send
 * threads finished first, waiting a little for the record they are on.
 */
final class CommandConsumer implements ConsumerRebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(CommandConsumer.class);
    /** How long a poll waits while records are in hand (their offsets are committed between polls), and when none is. */
    private static final Duration BUSY_POLL = Duration.ofMillis(200);
    private static final Duration IDLE_POLL = Duration.ofSeconds(10);
    /** An idle fetch waits this long at the broker: the one request an idle worker makes, besides heartbeats. */
    private static final int FETCH_WAIT_MS = 5_000;
    /** How long a partition being taken away waits for the send thread on one of its records. */
    private static final Duration REVOKE_WAIT = Duration.ofSeconds(20);
    /** Commands in the process's hands (queued, being sent, held) above which the consumer stops fetching. */
    static final int MAX_IN_HAND = 5_000;

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final AvroCodec<SendCommand> codec = AvroCodec.of(SendCommand.class);
    private final Consumer<WorkItem> dispatch;
    private final IntSupplier inHand;
    private final Runnable assignmentChanged;
    private final Clock clock;
    private final Duration lookback;
    private final Map<TopicPartition, PartitionProgress> progress = new ConcurrentHashMap<>();
    private volatile int partitions;
    private volatile boolean running = true;
    private boolean paused;

    CommandConsumer(LeadStreamConfig config, String clientId, Consumer<WorkItem> dispatch, IntSupplier inHand, Runnable assignmentChanged,
                    Clock clock) {
        this.topic = TopicNames.from(config).sendCommands();
        this.dispatch = dispatch;
        this.inHand = inHand;
        this.assignmentChanged = assignmentChanged;
        this.clock = clock;
        this.lookback = config.get(WorkerOptions.LOOKBACK);
        this.consumer = new KafkaConsumer<>(properties(config, clientId), new StringDeserializer(), new ByteArrayDeserializer());
    }

    static Properties properties(LeadStreamConfig config, String clientId) {
        Duration session = config.get(WorkerOptions.SESSION_TIMEOUT);
        String group = config.get(WorkerOptions.GROUP_ID);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(KafkaOptions.BOOTSTRAP_SERVERS));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group.isBlank() ? config.get(KafkaOptions.TOPIC_PREFIX) + "send-workers" : group);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A new group reads what the topic still has; commands older than worker.lookback are passed over, as the scan does.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Moving only the partitions that change owner: the others go on being sent during a rebalance.
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, String.valueOf(session.toMillis()));
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, String.valueOf(Math.max(100, session.toMillis() / 10)));
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(FETCH_WAIT_MS));
        // The topics are made by whoever sets LeadStream up (TopicAdmin): a topic made here would have the broker's partitions.
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return p;
    }

    /** The partitions of send-commands this process owns now. */
    Set<Integer> owned() {
        Set<Integer> out = new TreeSet<>();
        progress.keySet().forEach(tp -> out.add(tp.partition()));
        return out;
    }

    /** The progress of a partition this process owns now, else null. */
    PartitionProgress progress(int partition) {
        return progress.get(new TopicPartition(topic, partition));
    }

    /** How many partitions send-commands has (0 before the first assignment). */
    int partitions() {
        return partitions;
    }

    /** The consumer thread's body: until {@link #stop}, then commits what is finished and leaves the group. */
    void run(Runnable beforeLeaving) {
        try {
            consumer.subscribe(List.of(topic), this);
            while (running) {
                boolean busy = inHand.getAsInt() > 0;
                for (ConsumerRecord<String, byte[]> r : consumer.poll(busy ? BUSY_POLL : IDLE_POLL)) {
                    take(r);
                }
                commit(false);
                flowControl();
            }
        } catch (WakeupException stopping) {
            // stop() woke the poll
        } catch (RuntimeException e) {
            LOG.error("The send-commands consumer stopped: {}", e.toString(), e);
        } finally {
            beforeLeaving.run();
            try {
                commit(true);
            } catch (RuntimeException e) {
                LOG.warn("Committing send-commands offsets on the way out failed; the next owners read those records again: {}", e.toString());
            }
            consumer.close();
        }
    }

    /** The consumer's own metrics (its lag among them) as meters. */
    KafkaClientMetrics meters() {
        return new KafkaClientMetrics(consumer);
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    private void take(ConsumerRecord<String, byte[]> r) {
        PartitionProgress p = progress.get(new TopicPartition(r.topic(), r.partition()));
        if (p == null) {
            return; // not assigned any more: its next owner reads it
        }
        p.taken(r.offset());
        OutboxMessage m;
        try {
            m = OutboxMessage.of(codec.decode(r.value()));
        } catch (RuntimeException e) {
            LOG.warn("send-commands {}-{} at {} is not a send command, passed over: {}", r.topic(), r.partition(), r.offset(), e.toString());
            p.finished(r.offset());
            return;
        }
        if (m.due().isBefore(clock.instant().minus(lookback))) {
            p.finished(r.offset());
            return;
        }
        dispatch.accept(new WorkItem(m, p, r.offset()));
    }

    /** Commits, per partition, up to the lowest record not finished, if that moved. */
    private void commit(boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<TopicPartition, PartitionProgress> of = new HashMap<>(progress);
        of.forEach((tp, p) -> {
            OptionalLong at = p.toCommit();
            if (at.isPresent()) {
                offsets.put(tp, new OffsetAndMetadata(at.getAsLong()));
                p.committed(at.getAsLong());
            }
        });
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(offsets);
        } else {
            consumer.commitAsync(offsets, (done, e) -> {
                if (e != null) {
                    LOG.debug("Committing send-commands offsets failed, sent again with the next: {}", e.toString());
                    offsets.keySet().forEach(tp -> {
                        PartitionProgress p = progress.get(tp);
                        if (p != null) {
                            p.commitFailed();
                        }
                    });
                }
            });
        }
    }

    /** Stops fetching while the send threads have a lot in hand, so memory stays bounded whatever the backlog. */
    private void flowControl() {
        int n = inHand.getAsInt();
        if (!paused && n > MAX_IN_HAND) {
            consumer.pause(consumer.assignment());
            paused = true;
        } else if (paused && n < MAX_IN_HAND / 2) {
            consumer.resume(consumer.paused());
            paused = false;
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
        for (TopicPartition tp : assigned) {
            progress.put(tp, new PartitionProgress(tp.partition()));
        }
        if (paused) {
            consumer.pause(assigned);
        }
        partitions = consumer.partitionsFor(topic).size();
        if (!assigned.isEmpty()) {
            LOG.info("Send workers took send-commands partitions {} (of {}); they own {}", partitionsOf(assigned), partitions, owned());
            assignmentChanged.run();
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        if (revoked.isEmpty()) {
            return;
        }
        Map<TopicPartition, PartitionProgress> leaving = new HashMap<>();
        for (TopicPartition tp : revoked) {
            PartitionProgress p = progress.get(tp);
            if (p != null) {
                p.revoke();
                leaving.put(tp, p);
            }
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        try {
            for (Map.Entry<TopicPartition, PartitionProgress> e : leaving.entrySet()) {
                if (!e.getValue().awaitIdle(REVOKE_WAIT)) {
                    LOG.warn("A send thread is still on a record of {}: its next owner reads it again", e.getKey());
                }
                e.getValue().toCommit().ifPresent(at -> offsets.put(e.getKey(), new OffsetAndMetadata(at)));
            }
            if (!offsets.isEmpty()) {
                consumer.commitSync(offsets);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Committing the partitions given up failed; their next owners read those records again: {}", e.toString());
        }
        progress.keySet().removeAll(revoked);
        LOG.info("Send workers gave send-commands partitions {} up; they own {}", partitionsOf(revoked), owned());
        assignmentChanged.run();
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
        // Another member may own them already: nothing is committed for them.
        for (TopicPartition tp : lost) {
            PartitionProgress p = progress.remove(tp);
            if (p != null) {
                p.revoke();
            }
        }
        LOG.warn("Send workers lost send-commands partitions {} (this process was out of the group too long)", partitionsOf(lost));
        assignmentChanged.run();
    }

    private static Set<Integer> partitionsOf(Collection<TopicPartition> tps) {
        Set<Integer> out = new TreeSet<>();
        tps.forEach(tp -> out.add(tp.partition()));
        return out;
    }
}
