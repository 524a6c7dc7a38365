package io.leadstream.launcher;

import io.leadstream.common.config.CassandraOptions;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.email.LinkOptions;
import io.leadstream.gateway.GatewayOptions;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.jobs.EngineJob;
import io.leadstream.jobs.EngineOptions;
import io.leadstream.stack.LeadStreamStack;
import io.leadstream.stack.StartupReport;
import io.leadstream.store.cassandra.CassandraSchema;
import io.leadstream.workers.SendWorkers;
import io.leadstream.workers.WorkerOptions;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-machine system: the embedded stack, the engine job, the gateway with the demo site.
 * Started in dependency order, stopped in reverse by a shutdown hook (Ctrl-C).
 */
final class LocalRun {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRun.class);

    private final LeadStreamStack stack;
    private final GatewayServer gateway;
    private final JobID engine;
    private final SendWorkers workers;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private LocalRun(LeadStreamStack stack, GatewayServer gateway, JobID engine, SendWorkers workers) {
        this.stack = stack;
        this.gateway = gateway;
        this.engine = engine;
        this.workers = workers;
    }

    static LocalRun start(LeadStreamConfig userConfig) {
        long t0 = System.nanoTime();
        String dataDir = userConfig.get(LocalOptions.DATA_DIR);
        LeadStreamStack stack = LeadStreamStack.settings()
                .dataDir(dataDir.isBlank() ? null : Path.of(dataDir))
                .smtpPort(userConfig.get(LocalOptions.SMTP_PORT))
                .flinkManagedMemory(org.apache.flink.configuration.MemorySize.parse(userConfig.get(LocalOptions.FLINK_MANAGED_MEMORY)))
                .start();
        try {
            LeadStreamConfig config = runtimeConfig(userConfig, stack, dataDir);
            TopicAdmin.ensureTopics(config);
            CassandraSchema.apply(config);

            StreamExecutionEnvironment env = EngineJob.environment(config);
            EngineJob.build(env, config);
            JobID engine = stack.flink().submit(env, EngineJob.NAME);
            stack.flink().awaitRunning(engine, Duration.ofSeconds(120));

            GatewayServer gateway = new GatewayServer(config);
            // The gateway has no engine of its own; here one is at hand for dry runs.
            gateway.campaignDryRuns(DryRunJson.runner(config));
            gateway.segmentPreviews(SegmentPreviewJson.runner(config));
            DemoSite.mount(gateway);
            gateway.start();

            // Send workers deliver to the local SMTP server, with links back to this gateway.
            SendWorkers workers = SendWorkers.start(config.with(WorkerOptions.SMTP_HOST, stack.smtp().host())
                    .with(WorkerOptions.SMTP_PORT, stack.smtp().port()), gateway.baseUrl());
            LocalRun run = new LocalRun(stack, gateway, engine, workers);
            Runtime.getRuntime().addShutdownHook(new Thread(run::stop, "leadstream-local-shutdown"));
            run.printBanner(config, (System.nanoTime() - t0) / 1_000_000);
            return run;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** The user's configuration pointed at the embedded stack, with a token when none was given. */
    private static LeadStreamConfig runtimeConfig(LeadStreamConfig user, LeadStreamStack stack, String dataDir) {
        LeadStreamConfig config = user.withAll(stack.config(user.get(KafkaOptions.TOPIC_PREFIX), user.get(CassandraOptions.KEYSPACE)));
        if (!user.contains(GatewayOptions.API_TOKEN)) {
            byte[] token = new byte[24];
            new SecureRandom().nextBytes(token);
            config = config.with(GatewayOptions.API_TOKEN, HexFormat.of().formatHex(token));
        }
        if (!user.contains(GatewayOptions.CORS_ALLOWED_ORIGINS)) {
            // The demo page is same-origin either way it is opened: as localhost or as 127.0.0.1.
            int port = user.get(GatewayOptions.PORT);
            config = config.with(GatewayOptions.CORS_ALLOWED_ORIGINS, "http://localhost:" + port + ",http://127.0.0.1:" + port);
        }
        if (!user.contains(LinkOptions.TOKEN_SECRET)) {
            // Kept with the data so email links keep working after a restart.
            config = config.with(LinkOptions.TOKEN_SECRET, LocalSecrets.tokenSecret(dataDir));
        }
        if (!user.contains(WorkerOptions.WEBHOOK_SECRET)) {
            config = config.with(WorkerOptions.WEBHOOK_SECRET, LocalSecrets.webhookSecret(dataDir));
        }
        if (!dataDir.isBlank() && !user.contains(EngineOptions.CHECKPOINT_DIR)) {
            config = config.with(EngineOptions.CHECKPOINT_DIR, Path.of(dataDir, "checkpoints").toUri().toString());
        }
        if (!dataDir.isBlank() && !user.contains(GatewayOptions.ASSET_DIR)) { // uploaded files live as long as the definitions naming them
            config = config.with(GatewayOptions.ASSET_DIR, Path.of(dataDir, "assets").toString());
        }
        return config;
    }

    private void printBanner(LeadStreamConfig config, long millis) {
        String base = gateway.baseUrl();
        StringBuilder b = new StringBuilder("\n");
        b.append("LeadStream local run\n");
        for (StartupReport r : stack.reports()) {
            b.append("  ").append(r).append('\n');
        }
        b.append("  Kafka        ").append(stack.kafka().bootstrapServers()).append('\n');
        b.append("  Cassandra    ").append(stack.cassandra().contactPoint()).append("  keyspace ").append(config.get(CassandraOptions.KEYSPACE)).append('\n');
        b.append("  SMTP         ").append(stack.smtp().host()).append(':').append(stack.smtp().port())
                .append(" (").append(config.get(WorkerOptions.COUNT)).append(" send worker(s) deliver here)").append('\n');
        b.append("  Flink UI     ").append(stack.flink().restAddress()).append("  engine job ").append(engine).append('\n');
        b.append("  Data dir     ").append(stack.dataDir()).append('\n');
        b.append("  Gateway      ").append(base).append('\n');
        b.append("  Demo page    ").append(base).append("/demo\n");
        b.append("  Web app      ").append(base).append("/app/  (a first user: bin/leadstream user add NAME --role admin)\n");
        b.append("  Pixel        ").append(base).append("/mtracking.gif?page_url=").append(base).append("/demo\n");
        b.append("  API token    ").append(config.get(GatewayOptions.API_TOKEN))
                .append(System.getenv(GatewayOptions.API_TOKEN.envName()) == null ? "  (generated; set LEADSTREAM_API_TOKEN to choose)" : "  (from LEADSTREAM_API_TOKEN)").append('\n');
        b.append("LeadStream ready in ").append(millis).append(" ms at ").append(base).append("  (Ctrl-C stops everything)\n");
        System.out.print(b);
        System.out.flush();
    }

    void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    private synchronized void stop() {
        if (stopped.getCount() == 0) {
            return;
        }
        LOG.info("Stopping LeadStream");
        try {
            workers.close();
            gateway.close();
            stack.flink().cancel(engine);
        } finally {
            stack.close();
            stopped.countDown();
            System.out.println("LeadStream stopped");
        }
    }
}
