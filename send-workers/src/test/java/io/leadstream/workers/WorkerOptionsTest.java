package io.leadstream.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.common.config.AllOptions;
import io.leadstream.common.config.LeadStreamConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The workers' options are theirs, yet every process with this module reads them from its file and environment. */
class WorkerOptionsTest {

    @Test
    void theWorkersOptionsAreKnownWhereverTheModuleIs() {
        assertThat(AllOptions.list()).contains(WorkerOptions.COUNT, WorkerOptions.SCAN_INTERVAL, WorkerOptions.SESSION_TIMEOUT);
        LeadStreamConfig config = LeadStreamConfig.load(null, Map.of("LEADSTREAM_WORKER_COUNT", "6", "LEADSTREAM_WORKER_SCAN_INTERVAL", "45s"),
                AllOptions.list());
        assertThat(config.get(WorkerOptions.COUNT)).isEqualTo(6);
        assertThat(config.get(WorkerOptions.SCAN_INTERVAL)).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void idleWorkersPollNothingFasterThanSecondsApart() {
        LeadStreamConfig defaults = LeadStreamConfig.empty();
        assertThat(defaults.get(WorkerOptions.SCAN_INTERVAL)).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(CommandConsumer.properties(defaults, "test")).containsEntry("fetch.max.wait.ms", "5000")
                .containsEntry("heartbeat.interval.ms", "3000").containsEntry("enable.auto.commit", "false")
                .containsEntry("group.id", "leadstream.send-workers");
    }
}
