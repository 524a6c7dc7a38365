package io.leadstream.bench.campaigns;

import static io.leadstream.bench.BenchSupport.say;

import io.leadstream.bench.BenchSupport;
import io.leadstream.bench.EngineBenchOptions;
import io.leadstream.bench.EngineBenchStack;
import io.leadstream.bench.OutputFlow;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.jobs.EngineOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * The campaign stage under load: a five-step campaign ({@link CampaignsBenchDefinitions}) and N
 * contacts. Three measurements on one running job:
 * <ol>
 *   <li>entries and decisions: every contact enters (a welcome email each) and some open it (the
 *       decision answers yes, a thank-you is scheduled), loaded before the job starts;</li>
 *   <li>timers: time moves three days on, and every waiting step falls due at once (a thank-you
 *       for each opener, a timeout, a reminder, a condition and an offer for each other);</li>
 *   <li>latency: new contacts sign up at a fixed rate; from each hit to its welcome command.</li>
 * </ol>
 *
 * <pre>bin/leadstream bench-campaigns [--contacts 1000000 --open-percent 50 --live-rate 1000]</pre>
 */
@Command(name = "campaigns-benchmark", mixinStandardHelpOptions = true,
        description = "Decisions/s, timer firings/s and hit-to-send latency through the campaign stage.")
public final class CampaignsBenchmark implements Callable<Integer> {
    @Option(names = "--contacts", defaultValue = "1000000", description = "Contacts entering the campaign. Default: ${DEFAULT-VALUE}.")
    int contacts;

    @Option(names = "--open-percent", defaultValue = "50", description = "Percent of contacts who open the welcome email. Default: ${DEFAULT-VALUE}.")
    int openPercent;

    @Option(names = "--live-rate", defaultValue = "1000", description = "Sign-ups/s of the latency measurement. Default: ${DEFAULT-VALUE}.")
    double liveRate;

    @Option(names = "--live-seconds", defaultValue = "20", description = "Length of the latency measurement. Default: ${DEFAULT-VALUE}.")
    int liveSeconds;

    @Option(names = "--exactly-once", defaultValue = "false",
            description = "Kafka sinks in transactions, as in production: commands then show at checkpoints (every 10 s), so latency is the checkpoint interval. Default: ${DEFAULT-VALUE}.")
    boolean exactlyOnce;

    @Mixin
    EngineBenchOptions engine = new EngineBenchOptions();

    @Option(names = "--results", defaultValue = "bench/results/campaigns.json",
            description = "JSON-lines file the run's figures are appended to. Default: ${DEFAULT-VALUE}.")
    Path results;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CampaignsBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (engine.rounds != 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--rounds: one round only (the clock moves once per run)");
        }
        try (EngineBenchStack stack = EngineBenchStack.start("campaigns", engine.parallelism)) {
            LeadStreamConfig config = stack.config(engine).with(EngineOptions.KAFKA_EXACTLY_ONCE, exactlyOnce)
                    .with(EngineOptions.GROUP_ID, "bench-campaigns");
            String bootstrap = stack.bootstrap();
            try (KafkaProducer<String, String> producer = stringProducer(bootstrap)) {
                producer.send(new ProducerRecord<>(TopicNames.from(config).definitions(), TopicNames.definitionKey("campaigns", "onboarding"),
                        CampaignsBenchDefinitions.CAMPAIGN)).get();
            }
            long t = System.nanoTime();
            CampaignsWorkload.Counts counts = CampaignsWorkload.produce(config, contacts, openPercent);
            double load = (System.nanoTime() - t) / 1e9;
            say("Loaded %,d sign-ups and %,d opens in %.1f s (%.0f/s)", counts.contacts(), counts.openers(), load, counts.events() / load);

            CampaignsBenchJob.Topics out = CampaignsBenchJob.Topics.of("bench.campaigns.");
            TopicAdmin.createMissing(bootstrap, List.of(new NewTopic(out.sends(), engine.partitions, (short) 1),
                    new NewTopic(out.log(), engine.partitions, (short) 1)));
            JobID job = stack.submit(config, "campaigns", env -> CampaignsBenchJob.build(env, config, out));
            try {
                OutputFlow entries = OutputFlow.await(bootstrap, List.of(out.sends()), out.log(), counts.logBeforeTimers(), "entries and decisions");
                double eventsPerSecond = counts.events() / entries.seconds();
                double yesPerSecond = counts.openers() / entries.seconds();
                say("entries and decisions: %,.0f events/s (%,d events in %.1f s), %,.0f decisions/s answered yes by an open",
                        eventsPerSecond, counts.events(), entries.seconds(), yesPerSecond);

                long clock = System.nanoTime();
                CampaignsWorkload.tails(config, engine.partitions);
                OutputFlow timers = OutputFlow.await(bootstrap, List.of(), out.sends(), counts.sends(), "timers");
                double timerSeconds = (timers.endNanos() - clock) / 1e9;
                long sends = BenchSupport.endOffsetSum(bootstrap, out.sends());
                say("timers: %,d fired in %.1f s: %,.0f timer firings/s; %,.0f decisions/s timed out; %,d send commands in all",
                        counts.timers(), timerSeconds, counts.timers() / timerSeconds, (counts.contacts() - counts.openers()) / timerSeconds, sends);

                HitToSendLatency.Result live = HitToSendLatency.measure(config, out.sends(), liveRate, Duration.ofSeconds(liveSeconds),
                        CampaignsWorkload.TIMERS_DUE + 1000);
                say("hit to send command at %,.0f sign-ups/s: p50 %d ms, p99 %d ms, max %d ms (%,d of %,d matched)", liveRate,
                        live.millis().getValueAtPercentile(50), live.millis().getValueAtPercentile(99), live.millis().getMaxValue(),
                        live.matched(), live.sent());
                long state = stack.checkpointBytes(job);
                say("state: %,.1f MiB checkpointed (%.0f bytes per contact)", state / 1048576.0, (double) state / counts.contacts());

                BenchSupport.appendJsonLine(results, new JsonObject()
                        .put("benchmark", "campaigns")
                        .put("timestamp", Instant.now().toString())
                        .put("settings", new JsonObject().put("contacts", contacts).put("openPercent", openPercent).put("liveRate", liveRate)
                                .put("liveSeconds", liveSeconds).put("parallelism", engine.parallelism).put("partitions", engine.partitions)
                                .put("exactlyOnce", exactlyOnce).put("overrides", new JsonObject(new java.util.LinkedHashMap<>(engine.overrides))))
                        .put("machine", BenchSupport.machine())
                        .put("entryEventsPerSecond", Math.round(eventsPerSecond))
                        .put("decisionsYesPerSecond", Math.round(yesPerSecond))
                        .put("timerFirings", counts.timers())
                        .put("timerSeconds", Math.round(timerSeconds * 100) / 100.0)
                        .put("timerFiringsPerSecond", Math.round(counts.timers() / timerSeconds))
                        .put("sendCommands", sends)
                        .put("hitToSendP50Millis", live.millis().getValueAtPercentile(50))
                        .put("hitToSendP99Millis", live.millis().getValueAtPercentile(99))
                        .put("hitToSendMaxMillis", live.millis().getMaxValue())
                        .put("liveMatched", live.matched())
                        .put("checkpointBytes", state));
            } finally {
                stack.cancel(job);
            }
            return 0;
        }
    }

    private static KafkaProducer<String, String> stringProducer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }
}
