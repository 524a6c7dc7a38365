package io.leadstream.jobs;

import io.leadstream.common.config.ConfigOption;
import io.leadstream.common.config.ModuleOptions;
import java.time.Duration;

/** The Flink engine (engine.identifier-fields, which the gateway reads too, is common's {@code IdentityOptions}). */
public final class EngineOptions {
    private EngineOptions() {}

    /** Makes these options known to {@code AllOptions} wherever the engine is on the classpath. */
    public static final class Module implements ModuleOptions {
        @Override
        public Class<?> holder() {
            return EngineOptions.class;
        }
    }

    public static final ConfigOption<Integer> PARALLELISM = ConfigOption.key("engine.parallelism")
            .intType().defaultValue(2)
            .withDescription("Default operator parallelism of the engine job.");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = ConfigOption.key("engine.checkpoint-interval")
            .durationType().defaultValue(Duration.ofSeconds(10))
            .withDescription("Checkpoint interval; sinks flush on every checkpoint.");

    public static final ConfigOption<String> CHECKPOINT_DIR = ConfigOption.key("engine.checkpoint-dir")
            .stringType().defaultValue("")
            .withDescription("Checkpoint storage URI (file:///..., s3://...); empty keeps checkpoints in the JobManager.");

    public static final ConfigOption<String> RESTORE_PATH = ConfigOption.key("engine.restore-path")
            .stringType().defaultValue("")
            .withDescription("Checkpoint or savepoint directory to restore the job's state from on start; empty starts fresh. "
                    + "Checkpoints are kept when the job is cancelled, so a stopped job can resume from its last one.");

    public static final ConfigOption<String> STATE_BACKEND = ConfigOption.key("engine.state-backend")
            .stringType().defaultValue("rocksdb")
            .withDescription("Where keyed state lives: 'rocksdb' (on local disk; incremental checkpoints write only what changed since "
                    + "the last one: for millions of contacts) or 'hashmap' (on the heap: fastest reads, but every checkpoint writes all of it).");

    public static final ConfigOption<Boolean> KAFKA_EXACTLY_ONCE = ConfigOption.key("engine.kafka-exactly-once")
            .booleanType().defaultValue(false)
            .withDescription("Write the engine's public topics (contact-events, identity, points, point-triggers, segment-changes, "
                    + "send-commands) in Kafka transactions committed on each checkpoint: read_committed consumers then see every record "
                    + "once, but only after the checkpoint. False (the default) writes them at least once and at once: each record "
                    + "carries a deterministic id (event, change or command id) for consumers to drop a replayed one by. "
                    + "The contact-handovers loop is always transactional.");

    public static final ConfigOption<Duration> KAFKA_LINGER = ConfigOption.key("engine.kafka-linger")
            .durationType().defaultValue(Duration.ofMillis(10))
            .withDescription("How long the engine's Kafka producers wait to fill a batch: each of its outputs has a producer per "
                    + "subtask, so short batches cost the engine and the broker a request each; this much is small against a "
                    + "reaction's budget. Used by the outputs a reaction goes through: send-commands, contact-handovers.");

    public static final ConfigOption<Duration> KAFKA_STREAM_LINGER = ConfigOption.key("engine.kafka-stream-linger")
            .durationType().defaultValue(Duration.ofMillis(100))
            .withDescription("How long the producers of the engine's public streams that no reaction waits on (contact-events, "
                    + "identity, points, point-triggers, segment-changes) wait to fill a batch. Two of them carry a record per "
                    + "event: at engine.kafka-linger each producer sent a request every few milliseconds, which cost the engine's "
                    + "producer threads and the broker more than the records themselves.");

    public static final ConfigOption<Duration> BUFFER_TIMEOUT = ConfigOption.key("engine.buffer-timeout")
            .durationType().defaultValue(Duration.ofMillis(50))
            .withDescription("How long a network exchange between the engine's tasks holds a buffer that is not full: "
                    + "a record crosses up to three exchanges, so this bounds what they add to a reaction; a shorter one "
                    + "wakes every task's flusher more often, also when nothing happens.");

    public static final ConfigOption<Duration> WATERMARK_INTERVAL = ConfigOption.key("engine.watermark-interval")
            .durationType().defaultValue(Duration.ofMillis(50))
            .withDescription("How often sources emit watermarks: the identity stage releases an event once the watermark passes it, "
                    + "so a reaction waits up to this plus engine.max-out-of-orderness.");

    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS = ConfigOption.key("engine.max-out-of-orderness")
            .durationType().defaultValue(Duration.ofMillis(50))
            .withDescription("How far out of order event times may arrive (clock skew between gateways, producer batching) "
                    + "and still be handled in event-time order. The identity stage holds each event about this long.");

    public static final ConfigOption<Boolean> WATERMARK_FOLLOWS_CLOCK = ConfigOption.key("engine.watermark-follows-clock")
            .booleanType().defaultValue(true)
            .withDescription("Event time is the gateway's receipt time, so watermarks also advance with the wall clock: "
                    + "an event on a quiet site is released after about twice engine.max-out-of-orderness instead of waiting "
                    + "for the next one. Turn off to process recorded or synthetic event times in event-time order.");

    public static final ConfigOption<Duration> IDLE_TIMEOUT = ConfigOption.key("engine.source-idle-timeout")
            .durationType().defaultValue(Duration.ofSeconds(5))
            .withDescription("Without engine.watermark-follows-clock: a source partition without events for this long stops holding back"
                    + " the watermark. With it (the default) the clock moves quiet partitions on, and this is not used.");

    public static final ConfigOption<Duration> BEHAVIOR_HORIZON = ConfigOption.key("engine.behavior-horizon")
            .durationType().defaultValue(Duration.ofDays(90))
            .withDescription("How many days of a contact's behaviour (page hits, opens, clicks, forms, downloads per day) its profile keeps, "
                    + "so that a behaviour filter defined later counts what happened before it; older days count only in all-time totals.");

    public static final ConfigOption<Integer> BEHAVIOR_TARGETS = ConfigOption.key("engine.behavior-targets")
            .intType().defaultValue(64)
            .withDescription("Distinct URLs, emails, forms and assets whose counts a contact's profile keeps; past it the least recently seen "
                    + "goes (totals per kind stay). Bounds a profile's size.");

    public static final ConfigOption<Duration> ANONYMOUS_TTL = ConfigOption.key("engine.anonymous-ttl")
            .durationType().defaultValue(Duration.ZERO)
            .withDescription("An anonymous contact (no unique identifier) not seen for this long is dropped from the engine's state and "
                    + "leaves its segments, like Mautic's cleanup of old anonymous contacts; 0 (the default) keeps them.");

    public static final ConfigOption<String> CHANGE_STREAM = ConfigOption.key("engine.change-stream")
            .stringType().defaultValue("all")
            .withDescription("Whose profiles the change stream (topic contact-changes) carries: all (the default), identified (contacts "
                    + "with a unique identifier: a contact's first record then is its whole profile when it is identified; anonymous "
                    + "visitors, most of a site's traffic, cost nothing), or off.");

    public static final ConfigOption<Duration> WEBHOOK_BATCH_WAIT = ConfigOption.key("engine.webhook-batch-wait")
            .durationType().defaultValue(Duration.ofSeconds(1))
            .withDescription("How long a global webhook with a batch of more than 1 collects events before it posts what it has.");

    public static final ConfigOption<Boolean> COMPANY_MATCH_BY_DOMAIN = ConfigOption.key("engine.company-match-by-domain")
            .booleanType().defaultValue(true)
            .withDescription("A contact whose email address has a domain that is not a free-mail one joins the company with that "
                    + "companydomain, or one made for the domain. false: contacts join companies only by the API and campaign actions.");

    public static final ConfigOption<Boolean> COMPANY_MATCH_BY_NAME = ConfigOption.key("engine.company-match-by-name")
            .booleanType().defaultValue(true)
            .withDescription("A contact whose company field (the company it typed, as Mautic's contacts have) changes joins the company "
                    + "of that name (letters and digits compared, any case), or one made for the name, as Mautic does. false: not by name.");

    public static final ConfigOption<String> COMPANY_FREE_MAIL_DOMAINS = ConfigOption.key("engine.company-free-mail-domains")
            .stringType().defaultValue("")
            .withDescription("More free-mail domains (comma-separated) never matched to a company, beside the built-in list (gmail.com, ...).");

    public static final ConfigOption<Duration> COMPANY_FLUSH_INTERVAL = ConfigOption.key("engine.company-flush-interval")
            .durationType().defaultValue(Duration.ofSeconds(1))
            .withDescription("A company's row and change record are written at most this often (its score changes with each of its "
                    + "contacts' points); 0 writes each change at once.");

    public static final ConfigOption<String> GROUP_ID = ConfigOption.key("engine.group-id")
            .stringType().defaultValue("leadstream-engine")
            .withDescription("Kafka consumer group of the engine.");
}
