package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.gateway.GatewayOptions;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.store.cassandra.CassandraSchema;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code leadstream import} with a file of a million rows against a running gateway: the upload
 * streams, every good row reaches Kafka, and each of the ten bad rows is reported by its line.
 */
@ExtendWith(LeadStreamStackExtension.class)
class ImportCommandIT {
    private static final String TOKEN = "import-cli-token";
    private static final int ROWS = 1_000_000;

    @Test
    void aMillionRowFileGoesInWithItsBadRowsReportedByLine(TestNamespace ns, @TempDir Path dir) throws Exception {
        LeadStreamConfig config = ns.config().with(GatewayOptions.PORT, 0).with(GatewayOptions.API_TOKEN, TOKEN)
                .with(GatewayOptions.IMPORT_DIR, dir.resolve("imports").toString());
        TopicAdmin.ensureTopics(config);
        CassandraSchema.apply(config);
        Path csv = dir.resolve("contacts.csv");
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("Email,First Name,Last Name,City\n");
            for (int i = 1; i <= ROWS; i++) {
                // line i+1; every 100,000th row has no address
                out.write(i % 100_000 == 0 ? "nobody" : "person" + i + "@example.com");
                out.write(",First" + i + ",Last" + i + ",City" + (i % 50) + "\n");
            }
        }

        try (GatewayServer gateway = new GatewayServer(config).start()) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream stdout = System.out;
            long started = System.nanoTime();
            int exit;
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try {
                exit = new CommandLine(new LeadStreamCli()).execute("import", csv.toString(),
                        "--url", gateway.baseUrl(), "--token", TOKEN, "--poll", "1000");
            } finally {
                System.setOut(stdout);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            String output = printed.toString(StandardCharsets.UTF_8);
            System.out.printf("leadstream import of %,d rows (%,d bytes): %.1f s%n%s", ROWS, Files.size(csv), seconds, output);

            assertThat(exit).as("some rows were rejected").isEqualTo(2);
            assertThat(output).contains("1000000 rows, 999990 accepted (0 already known contacts), 10 rejected")
                    .contains("line 100001: email is not an address: nobody")
                    .contains("line 1000001: email is not an address: nobody");
            assertThat(rawEvents(config)).as("every accepted row is an event in Kafka").isEqualTo(ROWS - 10);
        }
    }

    private static long rawEvents(LeadStreamConfig config) throws Exception {
        String topic = TopicNames.from(config).rawEvents();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(KafkaOptions.BOOTSTRAP_SERVERS)))) {
            Map<TopicPartition, OffsetSpec> ends = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            return admin.listOffsets(ends).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }
}
