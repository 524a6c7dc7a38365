package io.leadstream.bench.segments;

import static io.leadstream.bench.BenchSupport.say;

import io.leadstream.bench.BenchSupport;
import io.leadstream.bench.CheckpointFigures;
import io.leadstream.bench.EngineBenchOptions;
import io.leadstream.bench.EngineBenchStack;
import io.leadstream.bench.JobRun;
import io.leadstream.bench.OutputFlow;
import io.leadstream.bench.PassThroughJob;
import io.leadstream.bench.segments.SegmentsBenchDefinitions.Definition;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.jobs.EngineOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Events/s through the contact processor (points and segments) with 100 segments and 50 point
 * actions defined (parallelism 2, real Kafka in and out), beside a pass-through Kafka→Kafka job over
 * the same input in the same run; segment evaluations per event; the checkpointed state per contact
 * and a checkpoint's duration; then the time to backfill a new behaviour segment over every contact
 * in engine state (it counts their earlier events).
 *
 * <p>The input is loaded first; each job reads it from the beginning. A job's figure is the rate
 * from its first output record until all input went through (the pass-through: all records out;
 * points and segments: every sentinel contact entered the sentinel segment, see
 * {@link SegmentsWorkload}), so job start-up is not in it. Points and segments are also timed per
 * phase: contacts' first events (each enters many segments at once) and then known contacts.
 *
 * <pre>bin/leadstream bench-segments [--contacts 1000000 --events 2000000 --rounds 1]</pre>
 */
@Command(name = "segments-benchmark", mixinStandardHelpOptions = true,
        description = "Events/s through points and segments vs a pass-through Kafka->Kafka Flink job; backfill time over all contacts.")
public final class SegmentsBenchmark implements Callable<Integer> {
    private static final String BACKFILL_SEGMENT = "backfill-visited";
    private static final String OPERATOR = "contact-processor";
    private static final String EVALUATIONS = "segmentEvaluations";

    @Option(names = "--contacts", defaultValue = "1000000", description = "Distinct contacts. Default: ${DEFAULT-VALUE}.")
    int contacts;

    @Option(names = "--events", defaultValue = "2000000", description = "Events in all (at least one per contact). Default: ${DEFAULT-VALUE}.")
    long events;

    @Mixin
    EngineBenchOptions engine = new EngineBenchOptions();

    @Option(names = "--segments", defaultValue = "100",
            description = "Segments to define, of the 100 (fewer loads faster, e.g. to time a backfill over many contacts). Default: ${DEFAULT-VALUE}.")
    int segments;

    @Option(names = "--exactly-once", defaultValue = "false",
            description = "Kafka sinks in transactions, as in production: output then shows at checkpoints (every 10 s), which blurs the timing. Default: ${DEFAULT-VALUE}.")
    boolean exactlyOnce;

    @Option(names = "--results", defaultValue = "bench/results/segments.json",
            description = "JSON-lines file the run's figures are appended to. Default: ${DEFAULT-VALUE}.")
    Path results;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SegmentsBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        try (EngineBenchStack stack = EngineBenchStack.start("segments", engine.parallelism)) {
            LeadStreamConfig config = stack.config(engine).with(EngineOptions.KAFKA_EXACTLY_ONCE, exactlyOnce);
            String bootstrap = stack.bootstrap();
            int parallelism = engine.parallelism;
            int partitions = engine.partitions;

            List<Definition> definitions = SegmentsBenchDefinitions.all(segments);
            try (KafkaProducer<String, String> producer = stringProducer(bootstrap)) {
                for (Definition d : definitions) {
                    producer.send(new ProducerRecord<>(TopicNames.from(config).definitions(), TopicNames.definitionKey(d.kind(), d.id()),
                            d.document().encode()));
                }
            }
            long segmentCount = SegmentsBenchDefinitions.count(definitions, "segments");
            long actionCount = SegmentsBenchDefinitions.count(definitions, "point-actions");
            say("Defined %d segments, %d point actions, %d point triggers (and the sentinel action and segment)",
                    segmentCount, actionCount, SegmentsBenchDefinitions.count(definitions, "point-triggers"));

            long t = System.nanoTime();
            SegmentsWorkload.Counts counts = SegmentsWorkload.produce(config, contacts, events, parallelism, 20261124L);
            double loadSeconds = (System.nanoTime() - t) / 1e9;
            say("Loaded %,d events of %,d contacts (+%d sentinels) into %s in %.1f s (%.0f/s)", counts.events(), counts.contacts(),
                    2 * counts.sentinels(), TopicNames.from(config).rawEvents(), loadSeconds, counts.events() / loadSeconds);

            List<JobRun> runs = new ArrayList<>();
            List<JsonObject> backfills = new ArrayList<>();
            List<JsonObject> evaluationFigures = new ArrayList<>();
            for (int round = 1; round <= engine.rounds; round++) {
                String passOut = "bench.r" + round + ".pass-through";
                SegmentsBenchJob.Topics out = SegmentsBenchJob.Topics.of("bench.r" + round + ".");
                TopicAdmin.createMissing(bootstrap, List.of(new NewTopic(passOut, partitions, (short) 1),
                        new NewTopic(out.points(), partitions, (short) 1), new NewTopic(out.fired(), partitions, (short) 1),
                        new NewTopic(out.changes(), partitions, (short) 1), new NewTopic(out.sentinels(), 1, (short) 1),
                        new NewTopic(out.backfills(), 1, (short) 1)));

                LeadStreamConfig pass = config.with(EngineOptions.GROUP_ID, "bench-pass-through-" + round);
                JobID passJob = stack.submit(pass, "pass-through-" + round, env -> PassThroughJob.build(env, pass, passOut));
                try {
                    long all = counts.events() + 2L * counts.sentinels();
                    OutputFlow flow = OutputFlow.await(bootstrap, List.of(), passOut, all, "pass-through");
                    runs.add(run("pass-through", round, all - flow.firstRecords(), flow.seconds(), 0));
                } finally {
                    stack.cancel(passJob);
                }

                LeadStreamConfig seg = config.with(EngineOptions.GROUP_ID, "bench-segments-" + round);
                JobID job = stack.submit(seg, "points-segments-" + round, env -> SegmentsBenchJob.build(env, seg, out));
                try {
                    OutputFlow fresh = OutputFlow.await(bootstrap, List.of(out.points(), out.changes()), out.sentinels(), counts.sentinels(),
                            "points+segments, new contacts");
                    long freshChanges = BenchSupport.endOffsetSum(bootstrap, out.changes());
                    long freshEvaluations = settledCounter(stack, job);
                    OutputFlow known = OutputFlow.await(bootstrap, List.of(), out.sentinels(), 2L * counts.sentinels(), "points+segments, known contacts");
                    long changes = BenchSupport.endOffsetSum(bootstrap, out.changes());
                    long evaluations = settledCounter(stack, job);
                    long checkpointBytes = stack.checkpointBytes(job);
                    CheckpointFigures checkpoint = stack.latestCheckpoint(job);
                    runs.add(run("points+segments", round, counts.events(), (known.endNanos() - fresh.startNanos()) / 1e9, checkpointBytes));
                    runs.add(run("new contacts", round, counts.contacts(), fresh.seconds(), 0));
                    if (counts.events() > counts.contacts()) {
                        runs.add(run("known contacts", round, counts.events() - counts.contacts(), (known.endNanos() - fresh.endNanos()) / 1e9, 0));
                    }
                    say("  membership changes per event: %.2f for new contacts", (double) freshChanges / counts.contacts());
                    if (counts.events() > counts.contacts()) {
                        say("  membership changes per event: %.2f for known contacts", (double) (changes - freshChanges) / (counts.events() - counts.contacts()));
                    }
                    say("  points log %,d, fired triggers %,d, membership changes %,d; state %,.1f MiB checkpointed (%.0f bytes per contact)",
                            BenchSupport.endOffsetSum(bootstrap, out.points()), BenchSupport.endOffsetSum(bootstrap, out.fired()),
                            changes, checkpointBytes / 1048576.0, (double) checkpointBytes / counts.contacts());
                    double evalNew = (double) freshEvaluations / counts.contacts();
                    double evalKnown = counts.events() > counts.contacts()
                            ? (double) (evaluations - freshEvaluations) / (counts.events() - counts.contacts()) : Double.NaN;
                    say("  segment evaluations per event: %.2f for new contacts (each decides every segment once), %.2f for known contacts",
                            evalNew, evalKnown);
                    if (checkpoint != null) {
                        say("  a checkpoint now: %,.1f MiB of state, %,.1f MiB written, %,d ms", checkpoint.stateBytes() / 1048576.0,
                                checkpoint.writtenBytes() / 1048576.0, checkpoint.millis());
                    }
                    evaluationFigures.add(new JsonObject().put("round", round).put("newContacts", evalNew).put("knownContacts", evalKnown)
                            .put("checkpoint", checkpoint == null ? null : checkpoint.toJson()));
                    backfills.add(backfill(bootstrap, config, out, round));
                } finally {
                    stack.cancel(job);
                }
            }
            report(runs, backfills, evaluationFigures, counts, segmentCount, actionCount);
            return 0;
        }
    }

    private static JobRun run(String name, int round, long records, double seconds, long checkpointBytes) {
        JobRun run = new JobRun(name, round, records, seconds, checkpointBytes);
        say("round %d %-16s %,10.0f events/s (%,d events in %.1f s)", round, name, run.perSecond(), records, seconds);
        return run;
    }

    /**
     * The processor's segment evaluations so far, once the REST API's metric fetcher (every 10 s by
     * default) shows the same figure twice.
     */
    private static long settledCounter(EngineBenchStack stack, JobID job) throws Exception {
        long previous = -1;
        while (true) {
            long now = stack.operatorCounter(job, OPERATOR, EVALUATIONS);
            if (now == previous) {
                return now;
            }
            previous = now;
            Thread.sleep(11_000);
        }
    }

    /** A new behaviour segment while the job holds every contact: evaluated over all of them from their profiles, history included. */
    private JsonObject backfill(String bootstrap, LeadStreamConfig config, SegmentsBenchJob.Topics out, int round) throws Exception {
        JsonObject segment = new JsonObject().put("id", BACKFILL_SEGMENT).put("name", "Visited product 7 twice in 30 days")
                .put("filters", new JsonArray().add(new JsonObject().put("kind", "behavior").put("behavior", "page_hit")
                        .put("url", "https://shop.example.com/products/7*").put("within", "P30D").put("count", 2)));
        long sent = System.nanoTime();
        long revision;
        try (KafkaProducer<String, String> producer = stringProducer(bootstrap)) {
            revision = producer.send(new ProducerRecord<>(TopicNames.from(config).definitions(),
                    TopicNames.definitionKey("segments", BACKFILL_SEGMENT), segment.encode())).get().offset();
        }
        BackfillWatch.Result result = BackfillWatch.await(bootstrap, out.backfills(), BACKFILL_SEGMENT, revision, engine.parallelism, sent,
                Duration.ofMinutes(10));
        try (KafkaProducer<String, String> producer = stringProducer(bootstrap)) {
            // Deleted again: the next round starts with the same 100 segments.
            producer.send(new ProducerRecord<>(TopicNames.from(config).definitions(), TopicNames.definitionKey("segments", BACKFILL_SEGMENT), null)).get();
        }
        say("round %d backfill of a new behaviour segment over %,d contacts: %,d ms in the engine (%,.0f contacts/s), %,d ms from definition to done",
                round, result.contacts(), result.engineMillis(), result.contacts() * 1000.0 / Math.max(1, result.engineMillis()), result.wallMillis());
        return new JsonObject().put("round", round).put("contacts", result.contacts()).put("engineMillis", result.engineMillis())
                .put("wallMillis", result.wallMillis());
    }

    private void report(List<JobRun> runs, List<JsonObject> backfills, List<JsonObject> evaluations, SegmentsWorkload.Counts counts,
                        long segmentCount, long actionCount) throws Exception {
        double pass = runs.stream().filter(r -> r.job().equals("pass-through")).mapToDouble(JobRun::perSecond).average().orElse(Double.NaN);
        double stages = rate(runs, "points+segments");
        double fresh = rate(runs, "new contacts");
        double known = rate(runs, "known contacts");
        long state = runs.stream().filter(r -> r.job().equals("points+segments")).mapToLong(JobRun::checkpointBytes).max().orElse(0);
        long backfillMillis = backfills.stream().mapToLong(b -> b.getLong("wallMillis")).max().orElse(0);
        say("%npoints+segments %,.0f events/s, pass-through %,.0f events/s: ratio %.2f (%d segments, %d point actions, parallelism %d, %d partitions, %d cores)",
                stages, pass, stages / pass, segmentCount, actionCount, engine.parallelism, engine.partitions,
                Runtime.getRuntime().availableProcessors());
        say("  new contacts %,.0f events/s (ratio %.2f), known contacts %,.0f events/s (ratio %.2f)", fresh, fresh / pass, known, known / pass);
        say("backfill of a new behaviour segment over %,d contacts: %,d ms at most from definition to done", counts.contacts(), backfillMillis);
        BenchSupport.appendJsonLine(results, new JsonObject()
                .put("benchmark", "points-segments")
                .put("timestamp", Instant.now().toString())
                .put("settings", new JsonObject().put("contacts", contacts).put("events", events).put("segments", segmentCount)
                        .put("pointActions", actionCount).put("parallelism", engine.parallelism).put("partitions", engine.partitions)
                        .put("rounds", engine.rounds).put("exactlyOnce", exactlyOnce)
                        .put("overrides", new JsonObject(new java.util.LinkedHashMap<>(engine.overrides))))
                .put("machine", BenchSupport.machine())
                .put("runs", new JsonArray(runs.stream().map(JobRun::toJson).toList()))
                .put("backfills", new JsonArray(backfills))
                .put("evaluationsPerEvent", new JsonArray(evaluations))
                .put("stagesEventsPerSecond", Math.round(stages))
                .put("passThroughEventsPerSecond", Math.round(pass))
                .put("ratio", Math.round(stages / pass * 1000) / 1000.0)
                .put("newContactsEventsPerSecond", Math.round(fresh))
                .put("knownContactsEventsPerSecond", Math.round(known))
                .put("knownContactsRatio", Math.round(known / pass * 1000) / 1000.0)
                .put("checkpointBytes", state)
                .put("checkpointBytesPerContact", Math.round((double) state / counts.contacts()))
                .put("backfillMillis", backfillMillis));
    }

    private static double rate(List<JobRun> runs, String job) {
        return runs.stream().filter(r -> r.job().equals(job)).mapToDouble(JobRun::perSecond).average().orElse(Double.NaN);
    }

    private static KafkaProducer<String, String> stringProducer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }
}
