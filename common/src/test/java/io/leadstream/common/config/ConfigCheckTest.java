package io.leadstream.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start stops on a key no option has or a value its option cannot read, and the message names it. */
class ConfigCheckTest {
    @TempDir
    Path dir;

    private LeadStreamConfig loadFile(String hocon, Map<String, String> env) throws Exception {
        Path file = dir.resolve("leadstream.conf");
        Files.writeString(file, hocon);
        return LeadStreamConfig.load(file, env, AllOptions.list());
    }

    @Test
    void aMistypedKeyOfANamespaceThisProcessReadsStopsWithTheClosestOption() {
        assertThatThrownBy(() -> loadFile("engine.chekpoint-interval = 5s\n", Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("Unknown configuration key 'engine.chekpoint-interval' in " + dir.resolve("leadstream.conf"))
                .hasMessageContaining("did you mean 'engine.checkpoint-interval'?");
    }

    @Test
    void aKeyOfNoLeadStreamNamespaceStops() {
        assertThatThrownBy(() -> loadFile("enigne { parallelism = 4 }\n", Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("'enigne.parallelism'")
                .hasMessageContaining("did you mean 'engine.parallelism'?");
    }

    @Test
    void anotherProcesssKeysPassInASharedFile() throws Exception {
        // The send workers' module is not on common's classpath: its keys belong to another process.
        LeadStreamConfig config = loadFile("worker.count = 4\nengine.parallelism = 3\n", Map.of("LEADSTREAM_WORKER_COUNT", "6"));
        assertThat(config.get(EngineOptions.PARALLELISM)).isEqualTo(3);
    }

    @Test
    void aBadValueStopsNamingTheKeyTheFileAndWhy() {
        assertThatThrownBy(() -> loadFile("engine.checkpoint-interval = often\n", Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("Bad value 'often' for 'engine.checkpoint-interval' in " + dir.resolve("leadstream.conf"));
        assertThatThrownBy(() -> loadFile("gateway.port = eighty\n", Map.of()))
                .hasMessageContaining("'gateway.port'").hasMessageContaining("eighty");
    }

    @Test
    void theEnvironmentIsCheckedLikeTheFile() throws Exception {
        assertThatThrownBy(() -> LeadStreamConfig.load(null, Map.of("LEADSTREAM_ENGINE_CHEKPOINT_INTERVAL", "5s"), AllOptions.list()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("Unknown environment variable LEADSTREAM_ENGINE_CHEKPOINT_INTERVAL")
                .hasMessageContaining("did you mean 'LEADSTREAM_ENGINE_CHECKPOINT_INTERVAL'?");
        assertThatThrownBy(() -> LeadStreamConfig.load(null, Map.of("LEADSTREAM_ENGINE_PARALLELISM", "two"), AllOptions.list()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("environment variable LEADSTREAM_ENGINE_PARALLELISM ('engine.parallelism')");
        // The scripts' own variables and another process's pass; so does the file's value under the environment's.
        LeadStreamConfig config = LeadStreamConfig.load(null, Map.of("LEADSTREAM_CONFIG", "x.conf", "LEADSTREAM_PROFILE", "/tmp/p",
                "LEADSTREAM_WORKER_SMTP_HOST", "relay", "LEADSTREAM_ENGINE_CHECKPOINT_INTERVAL", "5s", "PATH", "/bin"), AllOptions.list());
        assertThat(config.get(EngineOptions.CHECKPOINT_INTERVAL)).isEqualTo(Duration.ofSeconds(5));
    }
}
