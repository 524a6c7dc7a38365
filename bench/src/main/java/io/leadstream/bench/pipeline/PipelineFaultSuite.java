package io.leadstream.bench.pipeline;

import static io.leadstream.bench.BenchSupport.say;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.bench.BenchSupport;
import io.leadstream.common.config.CassandraOptions;
import io.leadstream.email.LinkOptions;
import io.leadstream.gateway.GatewayOptions;
import io.leadstream.jobs.EngineOptions;
import io.leadstream.store.cassandra.table.DefinitionsTable;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Faults during a run of the whole system, with assertions: while the driver sends {@code --events}
 * through the gateway, the engine job is killed and restored from its latest checkpoint, a send-worker
 * process is SIGKILLed, and the Kafka broker is killed and started again. Then: every event the gateway
 * accepted must be in Cassandra, every expected email must have arrived exactly once (a message lost
 * in a killed worker's commit window must show as {@code unconfirmed}, the documented exception), and
 * every definition must still be there. Prints each fault's recovery time; exit code 0 only if all hold.
 *
 * <pre>bin/leadstream bench-faults [--events 100000 --rate 100]</pre>
 */
@Command(name = "pipeline-faults", mixinStandardHelpOptions = true,
        description = "Kill the engine, a send worker and the Kafka broker during a run; check nothing was lost or sent twice.")
public final class PipelineFaultSuite implements Callable<Integer> {
    @Option(names = "--events", defaultValue = "100000", description = "Events sent through the gateway. Default: ${DEFAULT-VALUE}.")
    long events;

    @Option(names = "--rate", defaultValue = "100",
            description = "Events a second; within what this machine keeps up with, so that recovery times measure the fault, not a backlog. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--devices", defaultValue = "1000000", description = "Devices of the page hits. Default: ${DEFAULT-VALUE}.")
    int devices;

    @Option(names = "--worker-lease", defaultValue = "10s", converter = BenchSupport.DurationConverter.class,
            description = "worker.session-timeout: Kafka moves a killed worker's partitions to the others after it. Default: ${DEFAULT-VALUE}.")
    Duration workerLease;

    @Option(names = "--engine-down", defaultValue = "5s", converter = BenchSupport.DurationConverter.class,
            description = "How long the engine stays dead before it is restored. Default: ${DEFAULT-VALUE}.")
    Duration engineDown;

    @Option(names = "--results", defaultValue = "bench/results/faults.json", description = "JSON-lines file the figures are appended to. Default: ${DEFAULT-VALUE}.")
    Path results;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PipelineFaultSuite()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("leadstream-pipeline-faults");
        DriverLedger ledger = new DriverLedger();
        say("Starting the whole system in %s ...", dir);
        try (PipelineSystem system = PipelineSystem.start(dir, new PipelineSystem.Settings(2, 4, workerLease, Duration.ofSeconds(10), "hashmap",
                EngineOptions.PARALLELISM.defaultValue())).startEngineAndWorkers();
             PipelineProgress progress = new PipelineProgress(system, ledger);
             CqlSession session = system.stack().cassandra().newSession();
             DriverProcess driver = DriverProcess.ofMix(dir, system.gatewayPort(), devices, 9,
                     system.config().get(LinkOptions.TOKEN_SECRET), "f", 256, ledger)) {
            String token = system.config().get(GatewayOptions.API_TOKEN);
            String keyspace = system.config().get(CassandraOptions.KEYSPACE);
            PipelineDefinitions.apply(system.gatewayUrl(), token);
            Thread.sleep(3000);
            FaultMarkers markers = new FaultMarkers(system.gatewayUrl(), system.smtp(), new EventsInCassandra(session, keyspace));
            List<DriverLedger.Probe> markerEmails = new ArrayList<>();
            double runSeconds = events / rate;
            say("Sending %,d events at %.0f/s (%.0f s); faults at a fifth, two fifths and three fifths of it", events, rate, runSeconds);
            long start = System.currentTimeMillis();
            CompletableFuture<DriverLog.RunEnd> load = driver.run(events, rate, Duration.ofMinutes(10));
            JsonObject recovery = new JsonObject();

            sleepUntil(start, runSeconds / 5);
            long t = System.currentTimeMillis();
            say("FAULT 1: killing the engine job");
            system.killEngine();
            Thread.sleep(engineDown.toMillis());
            long restoreStart = System.nanoTime();
            Path checkpoint = system.restoreEngine();
            double restoreSeconds = (System.nanoTime() - restoreStart) / 1e9;
            double engineRecovery = markers.hitStored("fault-engine", t, Duration.ofMinutes(10));
            say("  restored from %s in %.1f s; a hit sent at the kill was stored %.1f s after it", checkpoint.getFileName(), restoreSeconds, engineRecovery);
            recovery.put("engine", new JsonObject().put("downSeconds", engineDown.toSeconds()).put("restoreSeconds", round(restoreSeconds))
                    .put("hitStoredAfterSeconds", round(engineRecovery)).put("checkpoint", checkpoint.getFileName().toString()));

            sleepUntil(start, runSeconds * 2 / 5);
            t = System.currentTimeMillis();
            say("FAULT 2: SIGKILL of send-worker process 0 (pid %d)", system.worker(0).pid());
            system.worker(0).kill();
            double workerRecovery = markers.emailsDelivered("worker", t, Duration.ofMinutes(10), markerEmails);
            say("  a sign-up on each of the %d outbox shards, sent at the kill, was delivered within %.1f s", 16, workerRecovery);
            recovery.put("sendWorker", new JsonObject().put("lease", workerLease.toString()).put("allShardsDeliveringAfterSeconds", round(workerRecovery)));

            sleepUntil(start, runSeconds * 3 / 5);
            t = System.currentTimeMillis();
            say("FAULT 3: killing the Kafka broker and starting it again");
            system.stack().kafka().kill();
            long kafkaStart = System.nanoTime();
            system.stack().kafka().start();
            double brokerBack = (System.nanoTime() - kafkaStart) / 1e9;
            double kafkaRecovery = markers.hitStored("fault-kafka", t, Duration.ofMinutes(10));
            say("  broker back in %.1f s; a hit sent at the kill was stored %.1f s after it", brokerBack, kafkaRecovery);
            recovery.put("kafka", new JsonObject().put("brokerStartSeconds", round(brokerBack)).put("hitStoredAfterSeconds", round(kafkaRecovery)));

            PipelineBenchmark.await(load, "the load");
            say("Load done: %,d accepted, %,d retried after a 5xx or a broken connection, statuses %s", ledger.acceptedTotal(),
                    ledger.retries(), ledger.statuses());
            double lag = progress.awaitCaughtUp(Duration.ofMinutes(20));
            say("  all stored %.1f s after the last event", lag);
            progress.awaitEmails(Duration.ofMinutes(5));

            List<DriverLedger.Probe> expectedEmails = new ArrayList<>(ledger.probes());
            expectedEmails.addAll(markerEmails);
            EventsInCassandra.Reflection stored = progress.compare();
            ProbeEmails.Outcome emails = ProbeEmails.check(expectedEmails, system.smtp());
            Map<String, Long> outcomes = OutboxOutcomes.count(session, keyspace);
            long unconfirmed = OutboxOutcomes.unconfirmed(outcomes);
            say("Outbox outcomes: %s", outcomes);
            List<String> lostDefinitions = PipelineDefinitions.lost(system.gatewayUrl(), token);
            List<String> missingDefinitionRows = missingDefinitionRows(session, keyspace);

            boolean eventsOk = stored.complete();
            boolean emailsOk = emails.duplicated() == 0 && system.smtp().duplicateMessageIds() == 0 && emails.missing() <= unconfirmed;
            boolean definitionsOk = lostDefinitions.isEmpty() && missingDefinitionRows.isEmpty();
            say("CHECK events: %,d accepted, %,d in Cassandra, %,d missing, %,d extra (retried requests that had reached Kafka) -> %s",
                    stored.expected(), stored.found(), stored.missing(), stored.extra(), eventsOk ? "OK" : "FAILED " + stored.examples());
            say("CHECK emails: %,d expected, %,d arrived once, %,d twice or more (%,d duplicate Message-IDs), %,d missing, %,d unconfirmed -> %s",
                    emails.expected(), emails.once(), emails.duplicated(), system.smtp().duplicateMessageIds(), emails.missing(), unconfirmed,
                    emailsOk ? "OK" : "FAILED " + emails.missingExamples());
            say("CHECK definitions: %d put, lost through the API %s, missing in Cassandra %s -> %s", PipelineDefinitions.ALL.size(),
                    lostDefinitions, missingDefinitionRows, definitionsOk ? "OK" : "FAILED");
            BenchSupport.appendJsonLine(results, new JsonObject()
                    .put("benchmark", "faults")
                    .put("timestamp", java.time.Instant.now().toString())
                    .put("settings", new JsonObject().put("events", events).put("rate", rate).put("devices", devices)
                            .put("workerLease", workerLease.toString()).put("engineDown", engineDown.toString()))
                    .put("machine", BenchSupport.machine())
                    .put("recovery", recovery)
                    .put("accepted", ledger.acceptedTotal()).put("retried", ledger.retries())
                    .put("events", new JsonObject().put("missing", stored.missing()).put("extra", stored.extra()).put("ok", eventsOk))
                    .put("emails", new JsonObject().put("expected", emails.expected()).put("once", emails.once()).put("duplicated", emails.duplicated())
                            .put("missing", emails.missing()).put("unconfirmed", unconfirmed).put("ok", emailsOk)
                            .put("outboxOutcomes", new JsonObject(new java.util.LinkedHashMap<>(outcomes))))
                    .put("definitions", new JsonObject().put("lost", lostDefinitions.size() + missingDefinitionRows.size()).put("ok", definitionsOk)));
            say("Appended to %s", results);
            return eventsOk && emailsOk && definitionsOk ? 0 : 1;
        } finally {
            BenchSupport.deleteRecursively(dir);
        }
    }

    private static List<String> missingDefinitionRows(CqlSession session, String keyspace) {
        Set<String> have = new HashSet<>();
        for (Row r : session.execute(DefinitionsTable.SELECT_KIND_ID_ALL.replace("{ks}", keyspace))) {
            have.add(r.getString(0) + "/" + r.getString(1));
        }
        return PipelineDefinitions.ALL.keySet().stream().filter(k -> !have.contains(k)).toList();
    }

    private static void sleepUntil(long start, double seconds) throws InterruptedException {
        long wait = start + (long) (seconds * 1000) - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
