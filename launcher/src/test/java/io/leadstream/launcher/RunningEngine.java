package io.leadstream.launcher;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.gateway.GatewayOptions;
import io.leadstream.jobs.EngineJob;
import io.leadstream.jobs.EngineOptions;
import io.leadstream.stack.TestNamespace;
import io.leadstream.store.cassandra.CassandraSchema;
import java.time.Duration;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The engine job on the shared stack's Flink MiniCluster, with its topics and tables made first:
 * what the whole-system tests put behind a gateway. Closing it cancels the job.
 */
final class RunningEngine implements AutoCloseable {
    private final TestNamespace ns;
    private final JobID job;

    private RunningEngine(TestNamespace ns, JobID job) {
        this.ns = ns;
        this.job = job;
    }

    /** The test's namespace with a gateway on a free port, the API token, and 1 s checkpoints (Kafka output shows up quickly). */
    static LeadStreamConfig config(TestNamespace ns, String apiToken) {
        return ns.config()
                .with(GatewayOptions.PORT, 0)
                .with(GatewayOptions.API_TOKEN, apiToken)
                .with(EngineOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(1));
    }

    static RunningEngine start(TestNamespace ns, LeadStreamConfig config, String name) throws Exception {
        TopicAdmin.ensureTopics(config);
        CassandraSchema.apply(config);
        StreamExecutionEnvironment env = EngineJob.environment(config);
        EngineJob.build(env, config);
        return new RunningEngine(ns, ns.stack().flink().submit(env, name + "-" + ns.keyspace()));
    }

    void awaitRunning() throws Exception {
        ns.stack().flink().awaitRunning(job, Duration.ofSeconds(60));
    }

    @Override
    public void close() throws Exception {
        ns.stack().flink().cancel(job);
    }
}
