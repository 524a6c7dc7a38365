package io.leadstream.jobs;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.stack.TestNamespace;
import java.time.Duration;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The whole engine as a test runs it: built from the configuration, submitted to the shared MiniCluster, running when this returns. */
public final class EngineJobs {
    private EngineJobs() {}

    public static JobID start(TestNamespace ns, LeadStreamConfig config, String name) {
        StreamExecutionEnvironment env = EngineJob.environment(config);
        EngineJob.build(env, config);
        JobID job = ns.stack().flink().submit(env, name);
        ns.stack().flink().awaitRunning(job, Duration.ofSeconds(60));
        return job;
    }
}
