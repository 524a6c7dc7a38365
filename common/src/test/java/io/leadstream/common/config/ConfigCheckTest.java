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
        return LeadStreamConfig.load(file, env, SampleOptions.all());
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
        assertThat(config.get(SampleOptions.PARALLELISM)).isEqualTo(3);
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
        assertThatThrownBy(() -> LeadStreamConfig.load(null, Map.of("LEADSTREAM_ENGINE_CHEKPOINT_INTERVAL", "5s"), SampleOptions.all()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("Unknown environment variable LEADSTREAM_ENGINE_CHEKPOINT_INTERVAL")
                .hasMessageContaining("did you mean 'LEADSTREAM_ENGINE_CHECKPOINT_INTERVAL'?");
        assertThatThrownBy(() -> LeadStreamConfig.load(null, Map.of("LEADSTREAM_ENGINE_PARALLELISM", "two"), SampleOptions.all()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("environment variable LEADSTREAM_ENGINE_PARALLELISM ('engine.parallelism')");
        // The scripts' own variables and another process's pass; so does the file's value under the environment's.
        LeadStreamConfig config = LeadStreamConfig.load(null, Map.of("LEADSTREAM_CONFIG", "x.conf", "LEADSTREAM_PROFILE", "/tmp/p",
                "LEADSTREAM_WORKER_SMTP_HOST", "relay", "LEADSTREAM_ENGINE_CHECKPOINT_INTERVAL", "5s", "PATH", "/bin"), SampleOptions.all());
        assertThat(config.get(SampleOptions.CHECKPOINT_INTERVAL)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aModuleThatBorrowsAKeyOfAnotherNamespaceDoesNotOwnIt() throws Exception {
        // A send-worker process knows gateway.public-url (LinkOptions) but not the gateway module: the shared file's
        // other gateway keys are the gateway's to check.
        ConfigOption<String> borrowed = ConfigOption.key("gateway.public-url").stringType().defaultValue("").withDescription("links");
        Path file = dir.resolve("shared.conf");
        Files.writeString(file, "gateway.public-url = \"https://t.example\"\ngateway.port = 8080\nkafka.topic-prefix = \"x.\"\n");
        LeadStreamConfig config = LeadStreamConfig.load(file, Map.of("LEADSTREAM_GATEWAY_PORT", "9000"),
                java.util.List.of(borrowed, KafkaOptions.TOPIC_PREFIX), java.util.Set.of("kafka"));
        assertThat(config.get(borrowed)).isEqualTo("https://t.example");
        assertThatThrownBy(() -> LeadStreamConfig.load(file, Map.of(), java.util.List.of(borrowed, KafkaOptions.TOPIC_PREFIX),
                java.util.Set.of("kafka", "gateway"))).hasMessageContaining("'gateway.port'");
    }
}
