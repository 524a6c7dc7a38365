package io.leadstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker of its own, for what the shared one cannot show: how a start-up fails and recovers. */
class EmbeddedKafkaIT {

    @Test
    void aPortTakenBeforeTheBrokerBindsItIsReplacedAndTheBrokerLogsWhy(@TempDir Path dir) throws Exception {
        EmbeddedKafka kafka = new EmbeddedKafka(dir, 0);
        String chosen = kafka.bootstrapServers();
        int port = Integer.parseInt(chosen.substring(chosen.lastIndexOf(':') + 1));
        try (ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            kafka.start();
        }
        try (kafka; Admin admin = Admin.create(kafka.clientProperties())) {
            assertThat(kafka.bootstrapServers()).isNotEqualTo(chosen);
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(topics).isNotNull();
            // The failed attempt's reason is in the broker's own log, not swallowed by a missing logger.
            assertThat(Files.readString(dir.resolve("kafka.log"))).contains("Address already in use")
                    .doesNotContain("NOP");
        }
    }
}
