package io.leadstream.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeadStreamConfigTest {

    @Test
    void defaultsApplyWhenNothingIsSet() {
        LeadStreamConfig config = LeadStreamConfig.load(null, Map.of(), SampleOptions.all());
        assertThat(config.get(SampleOptions.PORT)).isEqualTo(8080);
        assertThat(config.get(SampleOptions.KAFKA_ACK_TIMEOUT)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void environmentOverridesFileWhichOverridesDefault(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("leadstream.conf");
        Files.writeString(file, "gateway { port = 9000 }\nkafka.topic-prefix = \"acme.\"\n");
        LeadStreamConfig config = LeadStreamConfig.load(file,
                Map.of("LEADSTREAM_GATEWAY_PORT", "9100"), SampleOptions.all());
        assertThat(config.get(SampleOptions.PORT)).isEqualTo(9100);
        assertThat(config.get(KafkaOptions.TOPIC_PREFIX)).isEqualTo("acme.");
        assertThat(TopicNames.from(config).rawEvents()).isEqualTo("acme.raw-events");
    }

    @Test
    void envNameIsDerivedFromKey() {
        assertThat(KafkaOptions.BOOTSTRAP_SERVERS.envName()).isEqualTo("LEADSTREAM_KAFKA_BOOTSTRAP_SERVERS");
        assertThat(SampleOptions.API_TOKEN.envName()).isEqualTo("LEADSTREAM_API_TOKEN");
    }

    @Test
    void badValuesAndMissingRequiredOptionsNameTheKey() {
        LeadStreamConfig bad = LeadStreamConfig.fromMap(Map.of("gateway.port", "eighty"));
        assertThatThrownBy(() -> bad.get(SampleOptions.PORT)).hasMessageContaining("gateway.port");
        assertThatThrownBy(() -> LeadStreamConfig.empty().get(SampleOptions.API_TOKEN))
                .hasMessageContaining("LEADSTREAM_API_TOKEN");
    }

    @Test
    void valuesSetInCodeReadBackUnchanged() {
        LeadStreamConfig config = LeadStreamConfig.empty()
                .with(SampleOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(2500))
                .with(SampleOptions.PORT, 0);
        assertThat(config.get(SampleOptions.CHECKPOINT_INTERVAL)).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.get(SampleOptions.PORT)).isZero();
    }

    @Test
    void durationsAcceptHumanUnits() {
        LeadStreamConfig config = LeadStreamConfig.fromMap(Map.of("engine.checkpoint-interval", "2 minutes"));
        assertThat(config.get(SampleOptions.CHECKPOINT_INTERVAL)).isEqualTo(Duration.ofMinutes(2));
    }
}
