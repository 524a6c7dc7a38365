package io.leadstream.bench.pipeline;

import static io.leadstream.bench.BenchSupport.say;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import io.leadstream.common.config.CassandraOptions;
import io.leadstream.email.LinkOptions;
import io.leadstream.gateway.GatewayOptions;
import io.leadstream.jobs.EngineJob;
import io.leadstream.stack.DashboardQueries;
import io.leadstream.stack.StandaloneFlinkCluster;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine as a data engineer runs it: its jar, as built for {@code flink run}, uploaded over REST to a
 * standalone cluster (a JobManager and two TaskManagers, processes of their own), with the gateway, a
 * send-worker process and the load driver as processes too, on the embedded Kafka and Cassandra. While the
 * driver sends page hits and sign-ups:
 * <ol>
 * <li>a TaskManager that runs tasks is SIGKILLed: the job recovers on the other from its last checkpoint;</li>
 * <li>the job is stopped with a savepoint and the next build (engine-next: a field added to the profile state,
 *     the contact processor's logic changed) started from it: a contact's state from before is read with the
 *     new schema, the new field at its default, and the new logic runs on it;</li>
 * <li>stopped with a savepoint again and started at twice the parallelism.</li>
 * </ol>
 * The Flink metrics the docker deployment's Grafana dashboard queries must be exported by the reporter it configures.
 * Then every event the gateway accepted must be in Cassandra and every welcome email must have arrived exactly once.
 */
class FlinkClusterIT {
    private static final Duration UP = Duration.ofMinutes(4);
    private static final long EVENTS = 9_000;
    private static final double RATE = 100;
    private static final String ENGINE = EngineJob.class.getName();

    @TempDir
    Path dir;

    @Test
    void theEngineOnAStandaloneClusterLosesNothingThroughATaskManagerKillAnUpgradeAndARescale() throws Exception {
        Path engine = jar("leadstream.engine-jar");
        Path engineNext = jar("leadstream.engine-next-jar");
        DriverLedger ledger = new DriverLedger();
        // Parallelism 0: the submission decides, as `flink run -p` would; RocksDB, as deployed.
        PipelineSystem.Settings settings = new PipelineSystem.Settings(1, 4, Duration.ofSeconds(10), Duration.ofSeconds(3), "rocksdb", 0);
        try (PipelineSystem system = PipelineSystem.startWithoutEngine(dir, settings);
             StandaloneFlinkCluster cluster = StandaloneFlinkCluster.start(dir.resolve("flink"), 2, 2,
                     Map.of("LEADSTREAM_CONFIG", system.configFile().toString()));
             PipelineProgress progress = new PipelineProgress(system, ledger);
             CqlSession session = system.stack().cassandra().newSession();
             DriverProcess driver = DriverProcess.ofMix(dir, system.gatewayPort(), 2_000, 11,
                     system.config().get(LinkOptions.TOKEN_SECRET), "c", 64, ledger)) {
            String token = system.config().get(GatewayOptions.API_TOKEN);
            JobID job = cluster.submitJar(engine, ENGINE, 2, null);
            JobDetailsInfo atTwo = cluster.awaitRunning(job, UP);
            assertThat(parallelisms(atTwo)).as("the REST run's parallelism").containsValue(2).doesNotContainValue(4);
            system.startWorkers();
            PipelineDefinitions.apply(system.gatewayUrl(), token);
            Thread.sleep(3000);
            CompletableFuture<DriverLog.RunEnd> load = driver.run(EVENTS, RATE, Duration.ofMinutes(10));
            UpgradeProbe probe = new UpgradeProbe(system.gatewayUrl(), token, "upgrade-probe");
            probe.hit(3);
            probe.awaitContact(c -> c.getInteger("points") == 3, UP);

            // The docker deployment's dashboard: each flink_* metric a panel queries comes from the reporter it configures
            // (while events flow: the Kafka sources' pendingRecords appears with a partition's first records).
            Set<String> queried = DashboardQueries.metrics("flink_");
            // Metrics appear as tasks start: a minute for them.
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(unexported(cluster, queried)).as("queried by the dashboard, exported by no Flink process").isEmpty());
            say("The dashboard's %d Flink metrics are all exported: %s", queried.size(), queried);

            // 1. A TaskManager lost: the job restarts on the other's two slots from the last completed checkpoint
            // (it says RUNNING until the missed heartbeats tell the JobManager).
            awaitCompletedCheckpoints(cluster, job, 2);
            int victim = cluster.busyTaskManager();
            long killedAt = System.nanoTime();
            cluster.taskManager(victim).kill();
            CheckpointingStatistics afterKill = awaitRestored(cluster, job);
            assertThat(afterKill.getLatestCheckpoints().getRestoredCheckpointStatistics().isSavepoint()).as("a checkpoint").isFalse();
            cluster.awaitRunning(job, UP);
            say("TaskManager %d killed: the job runs again from checkpoint %d after %.1f s", victim,
                    afterKill.getLatestCheckpoints().getRestoredCheckpointStatistics().getId(), seconds(killedAt));
            cluster.startTaskManager();
            cluster.awaitTaskManagers(2, UP);

            // 2. The next build from a savepoint: the profile state gains a field, the contact processor new logic.
            JobID next = restart(cluster, job, engineNext, 2);
            probe.hit(2);
            JsonObject upgraded = probe.awaitContact(c -> c.getInteger("points") == 5 && c.getJsonArray("tags").contains("next-page-hits-2"), UP);
            assertThat(upgraded.getJsonArray("tags").getList()).as("counted from the new field's default, 0, after the upgrade")
                    .contains("next-page-hits-1", "next-page-hits-2").doesNotContain("next-page-hits-3");
            say("Upgraded to engine-next: the probe contact kept its 3 points and has %s after 2 more hits", upgraded.getJsonArray("tags"));

            // 3. Rescaled through a savepoint: every operator that ran at 2 runs at 4.
            JobID rescaled = restart(cluster, next, engineNext, 4);
            Map<String, Integer> atFour = parallelisms(cluster.awaitRunning(rescaled, UP));
            parallelisms(atTwo).forEach((vertex, p) -> assertThat(atFour.get(vertex)).as(vertex).isEqualTo(p == 2 ? 4 : p));

            PipelineBenchmark.await(load, "the load");
            progress.awaitCaughtUp(Duration.ofMinutes(5));
            progress.awaitEmails(Duration.ofMinutes(3));
            EventsInCassandra.Reflection stored = progress.compare();
            ProbeEmails.Outcome emails = ProbeEmails.check(ledger.probes(), system.smtp());
            say("CHECK: %,d events accepted, %,d in Cassandra, %,d missing; %,d welcome emails expected, %,d once, %,d twice, %,d missing",
                    ledger.acceptedTotal(), stored.found(), stored.missing(), emails.expected(), emails.once(), emails.duplicated(), emails.missing());
            assertThat(ledger.acceptedTotal()).isEqualTo(EVENTS);
            assertThat(stored.missing()).as("accepted events not in Cassandra: %s", stored.examples()).isZero();
            assertThat(emails.expected()).as("sign-ups in the mix").isPositive();
            assertThat(emails.missing()).as("welcome emails that never arrived: %s", emails.missingExamples()).isZero();
            assertThat(emails.duplicated()).as("welcome emails sent twice").isZero();
            assertThat(system.smtp().duplicateMessageIds()).isZero();
            assertThat(OutboxOutcomes.unconfirmed(OutboxOutcomes.count(session, system.config().get(CassandraOptions.KEYSPACE)))).isZero();
        }
    }

    /** Stops {@code job} with a savepoint and submits {@code jar} from it at {@code parallelism}; the new job, running. */
    private JobID restart(StandaloneFlinkCluster cluster, JobID job, Path jar, int parallelism) throws Exception {
        awaitCompletedCheckpoints(cluster, job, cluster.checkpoints(job).getCounts().getNumberCompletedCheckpoints() + 1);
        long stopping = System.nanoTime();
        String savepoint = cluster.stopWithSavepoint(job, dir.resolve("savepoints"));
        assertThat(Files.isDirectory(Path.of(URI.create(savepoint)))).as(savepoint).isTrue();
        JobID started = cluster.submitJar(jar, ENGINE, parallelism, savepoint);
        cluster.awaitRunning(started, UP);
        assertThat(cluster.checkpoints(started).getLatestCheckpoints().getRestoredCheckpointStatistics().isSavepoint())
                .as("started from the savepoint").isTrue();
        say("%s at parallelism %d from %s: running %.1f s after the stop began", jar.getFileName(), parallelism, savepoint, seconds(stopping));
        return started;
    }

    /** The names neither the JobManager's nor a TaskManager's reporter exports now. */
    private static Set<String> unexported(StandaloneFlinkCluster cluster, Set<String> names) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        StringBuilder all = new StringBuilder();
        for (String url : cluster.metricsUrls()) {
            all.append(http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body());
        }
        return names.stream().filter(n -> !all.toString().contains("\n" + n + "{") && !all.toString().contains("\n" + n + " "))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Path jar(String property) {
        Path jar = Path.of(System.getProperty(property, "missing"));
        assertThat(jar).as("%s: a jar the build copies to target/engine", property).exists();
        return jar;
    }

    private static Map<String, Integer> parallelisms(JobDetailsInfo job) {
        return job.getJobVertexInfos().stream().collect(Collectors.toMap(JobDetailsInfo.JobVertexDetailsInfo::getName,
                JobDetailsInfo.JobVertexDetailsInfo::getParallelism, (a, b) -> a));
    }

    private static CheckpointingStatistics awaitRestored(StandaloneFlinkCluster cluster, JobID job) {
        return await().atMost(UP).pollInterval(Duration.ofMillis(500)).until(() -> cluster.checkpoints(job),
                stats -> stats.getLatestCheckpoints().getRestoredCheckpointStatistics() != null);
    }

    private static void awaitCompletedCheckpoints(StandaloneFlinkCluster cluster, JobID job, long count) {
        await().atMost(UP).pollInterval(Duration.ofMillis(500))
                .until(() -> cluster.checkpoints(job).getCounts().getNumberCompletedCheckpoints() >= count);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
