package io.leadstream.bench.identity;

import static io.leadstream.bench.BenchSupport.say;

import io.leadstream.bench.BenchSupport;
import io.leadstream.bench.EngineBenchOptions;
import io.leadstream.bench.EngineBenchStack;
import io.leadstream.bench.JobRun;
import io.leadstream.bench.OutputFlow;
import io.leadstream.bench.PassThroughJob;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.jobs.EngineOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Events/s through the identity stage (parallelism 2, real Kafka in and out, exactly-once sinks,
 * checkpoints every 10 s as in production) beside a pass-through Kafka→Kafka job over the same
 * topic in the same run, and the identity stage's checkpointed state size.
 *
 * <p>The input is loaded first, then each job reads it from the beginning: the figure is the
 * rate from the job's first output record to its last (output counted from the topic's end
 * offsets), so job start-up is not in it. Broker, Flink and this driver share the machine.
 *
 * <pre>bin/leadstream bench-identity [--devices 1000000 --events 2000000 --identifying 10 --rounds 1]</pre>
 */
@Command(name = "identity-benchmark", mixinStandardHelpOptions = true,
        description = "Events/s through the identity stage vs a pass-through Kafka->Kafka Flink job, and state size.")
public final class IdentityBenchmark implements Callable<Integer> {
    @Option(names = "--devices", defaultValue = "1000000", description = "Distinct devices. Default: ${DEFAULT-VALUE}.")
    int devices;

    @Option(names = "--events", defaultValue = "2000000", description = "Page hits in all (at least one per device). Default: ${DEFAULT-VALUE}.")
    long events;

    @Option(names = "--identifying", defaultValue = "10", description = "Percent of devices that submit an email. Default: ${DEFAULT-VALUE}.")
    int identifyingPercent;

    @Mixin
    EngineBenchOptions engine = new EngineBenchOptions();

    @Option(names = "--results", defaultValue = "bench/results/identity.json",
            description = "JSON-lines file the run's figures are appended to. Default: ${DEFAULT-VALUE}.")
    Path results;

    public static void main(String[] args) {
        System.exit(new CommandLine(new IdentityBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        try (EngineBenchStack stack = EngineBenchStack.start("identity", engine.parallelism)) {
            LeadStreamConfig config = stack.config(engine);
            int partitions = engine.partitions;

            long t = System.nanoTime();
            IdentityWorkload.Counts counts = IdentityWorkload.produce(config, devices, events, identifyingPercent, 20261123L);
            IdentityWorkload.tails(config, counts.lastEventTime() + 600_000);
            double loadSeconds = (System.nanoTime() - t) / 1e9;
            say("Loaded %,d events of %,d devices (%,d identify with %,d distinct emails) into %s in %.1f s (%.0f/s)",
                    counts.events(), counts.devices(), counts.identifyingDevices(), counts.emails(),
                    TopicNames.from(config).rawEvents(), loadSeconds, counts.events() / loadSeconds);

            List<JobRun> runs = new ArrayList<>();
            for (int round = 1; round <= engine.rounds; round++) {
                String passOut = "bench.r" + round + ".pass-through";
                String contactOut = "bench.r" + round + ".contact-events";
                String changesOut = "bench.r" + round + ".identity";
                TopicAdmin.createMissing(stack.bootstrap(), List.of(new NewTopic(passOut, partitions, (short) 1),
                        new NewTopic(contactOut, partitions, (short) 1), new NewTopic(changesOut, partitions, (short) 1)));
                LeadStreamConfig pass = config.with(EngineOptions.GROUP_ID, "bench-pass-through-" + round);
                runs.add(measure(stack, pass, "pass-through", round, env -> PassThroughJob.build(env, pass, passOut),
                        passOut, counts.events() + partitions));
                LeadStreamConfig identity = config.with(EngineOptions.GROUP_ID, "bench-identity-" + round);
                // Tail events stay buffered in the identity stage (nothing passes their watermark): not expected out.
                runs.add(measure(stack, identity, "identity", round, env -> BenchJobs.identity(env, identity, contactOut, changesOut),
                        contactOut, counts.events()));
                say("  identity changelog: %,d records", BenchSupport.endOffsetSum(stack.bootstrap(), changesOut));
            }
            report(runs, counts);
            return 0;
        }
    }

    private JobRun measure(EngineBenchStack stack, LeadStreamConfig config, String name, int round,
                           Consumer<StreamExecutionEnvironment> topology, String outTopic, long expected) throws Exception {
        JobID job = stack.submit(config, name + "-" + round, topology);
        try {
            OutputFlow flow = OutputFlow.await(config.get(KafkaOptions.BOOTSTRAP_SERVERS), List.of(), outTopic, expected, name);
            double seconds = flow.seconds();
            long bytes = stack.checkpointBytes(job);
            JobRun run = new JobRun(name, round, expected - flow.firstRecords(), seconds, bytes);
            say("round %d %-12s %,10.0f events/s (%,d events in %.1f s); checkpoint %,.1f MiB", round, name, run.perSecond(),
                    run.records(), seconds, bytes / 1048576.0);
            return run;
        } finally {
            stack.cancel(job);
        }
    }

    private void report(List<JobRun> runs, IdentityWorkload.Counts counts) throws Exception {
        double pass = runs.stream().filter(r -> r.job().equals("pass-through")).mapToDouble(JobRun::perSecond).average().orElse(Double.NaN);
        double identity = runs.stream().filter(r -> r.job().equals("identity")).mapToDouble(JobRun::perSecond).average().orElse(Double.NaN);
        long state = runs.stream().filter(r -> r.job().equals("identity")).mapToLong(JobRun::checkpointBytes).max().orElse(0);
        say("%nidentity stage %,.0f events/s, pass-through %,.0f events/s: ratio %.2f (parallelism %d, %d partitions, %d cores)",
                identity, pass, identity / pass, engine.parallelism, engine.partitions, Runtime.getRuntime().availableProcessors());
        say("identity state after %,d devices: %,.1f MiB checkpointed, %.0f bytes per device", counts.devices(),
                state / 1048576.0, (double) state / counts.devices());
        BenchSupport.appendJsonLine(results, new JsonObject()
                .put("benchmark", "identity-stage")
                .put("timestamp", Instant.now().toString())
                .put("settings", new JsonObject().put("devices", devices).put("events", events)
                        .put("identifyingPercent", identifyingPercent).put("emails", counts.emails())
                        .put("parallelism", engine.parallelism).put("partitions", engine.partitions).put("rounds", engine.rounds))
                .put("machine", BenchSupport.machine())
                .put("runs", new JsonArray(runs.stream().map(JobRun::toJson).toList()))
                .put("identityEventsPerSecond", Math.round(identity))
                .put("passThroughEventsPerSecond", Math.round(pass))
                .put("ratio", Math.round(identity / pass * 1000) / 1000.0)
                .put("identityCheckpointBytes", state)
                .put("checkpointBytesPerDevice", Math.round((double) state / counts.devices())));
    }
}
