package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.leadstream.common.config.CassandraOptions;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.gateway.GatewayOptions;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.store.cassandra.CassandraSchema;
import io.leadstream.store.cassandra.CassandraSessionFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code leadstream} commands that talk to a running system, against a gateway on the embedded
 * stack: {@code apply} (diff, asking, dependency order, a refused definition), {@code stats} (email
 * rates and segment sizes as the engine stores them) and {@code tail} (records of a topic).
 */
@ExtendWith(LeadStreamStackExtension.class)
class CliCommandsIT {
    private static final String TOKEN = "cli-token";
    private static LeadStreamConfig config;
    private static GatewayServer gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    record Run(int exit, String out) {}

    @BeforeAll
    static void start(TestNamespace ns) {
        config = ns.config().with(GatewayOptions.PORT, 0).with(GatewayOptions.API_TOKEN, TOKEN);
        TopicAdmin.ensureTopics(config);
        CassandraSchema.apply(config);
        gateway = new GatewayServer(config).start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void applyShowsTheDiffAsksAndWritesInDependencyOrder(@TempDir Path defs) throws Exception {
        Files.createDirectories(defs.resolve("segments"));
        Files.createDirectories(defs.resolve("campaigns"));
        Files.createDirectories(defs.resolve("emails"));
        for (String email : List.of("hello", "again")) {
            Files.writeString(defs.resolve("emails/" + email + ".json"), "{\"name\": \"" + email + "\", \"type\": \"marketing\","
                    + " \"from\": \"news@shop.example\", \"subject\": \"Hi\", \"html\": \"<p>Hi</p>\", \"text\": \"Hi\"}");
        }
        Files.writeString(defs.resolve("segments/vip.json"), "{\"name\": \"VIP\", \"filters\": [{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 1000}]}");
        Files.writeString(defs.resolve("campaigns/welcome.json"), campaign(2));

        Run dry = cli(null, "apply", defs.toString(), "--dry-run");
        assertThat(dry.exit()).isZero();
        assertThat(dry.out()).contains("+ new segments/vip", "+ new campaigns/welcome", "4 new, 0 changed, 0 unchanged.");
        assertThat(dry.out().indexOf("segments/vip")).as("segments before the campaigns that use them").isLessThan(dry.out().indexOf("campaigns/welcome"));
        assertThat(dry.out().indexOf("emails/hello")).as("emails before the campaigns that send them").isLessThan(dry.out().indexOf("campaigns/welcome"));
        assertThat(status("/api/v1/segments/vip")).as("a dry run writes nothing").isEqualTo(404);

        Run declined = cli("n\n", "apply", defs.toString());
        assertThat(declined.out()).contains("Apply 4 definitions? [y/N]", "Nothing applied.");
        assertThat(declined.exit()).isEqualTo(1);
        assertThat(status("/api/v1/segments/vip")).isEqualTo(404);

        Run applied = cli("y\n", "apply", defs.toString());
        assertThat(applied.exit()).as(applied.out()).isZero();
        assertThat(applied.out()).contains("Applied segments/vip", "Applied campaigns/welcome");
        assertThat(status("/api/v1/campaigns/welcome")).isEqualTo(200);

        // The same segment with its keys in another order is no change; the campaign's wait is.
        Files.writeString(defs.resolve("segments/vip.json"), "{\"filters\": [{\"value\": 1000, \"operator\": \"gte\", \"kind\": \"points\"}], \"name\": \"VIP\"}");
        Files.writeString(defs.resolve("campaigns/welcome.json"), campaign(3));
        Run changed = cli(null, "apply", defs.toString(), "--yes");
        assertThat(changed.exit()).as(changed.out()).isZero();
        assertThat(changed.out()).contains("~ changed campaigns/welcome", "-", "\"amount\" : 2", "+", "\"amount\" : 3",
                "0 new, 1 changed, 3 unchanged.", "Applied campaigns/welcome").doesNotContain("segments/vip");

        // Every problem of every file, before anything is written: the good change in the folder waits too.
        Files.writeString(defs.resolve("segments/broken.json"), "{\"name\": \"Broken\", \"filters\": 7}");
        Files.writeString(defs.resolve("campaigns/lost.json"), campaign(1).replace("\"email\": \"again\"", "\"email\": \"gone\""));
        Files.writeString(defs.resolve("campaigns/welcome.json"), campaign(4));
        Run refused = cli(null, "apply", defs.toString(), "--yes");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out()).contains("segments/broken /filters: ", "campaigns/lost /events/1/email: no email \"gone\" is defined",
                "2 problems; nothing applied.").doesNotContain("Applied");
        assertThat(body("/api/v1/campaigns/welcome")).as("nothing applied").contains("\"amount\":3");
    }

    @Test
    void statsPrintsEmailRatesAndSegmentSizes() throws Exception {
        assertThat(http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/v1/segments/buyers"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\": \"Buyers\", \"filters\": [{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 5}]}"))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(201);
        String ks = config.get(CassandraOptions.KEYSPACE);
        try (CqlSession s = CassandraSessionFactory.open(config)) {
            s.execute("INSERT INTO " + ks + ".email_stats (email_id, sent, delivered, opens, unique_opens, clicks, unique_clicks, bounced, unsubscribed, failed)"
                    + " VALUES ('welcome-mail', 10, 9, 5, 3, 2, 1, 1, 1, 0)");
            for (String c : List.of("c1", "c2", "c3")) {
                s.execute("INSERT INTO " + ks + ".segment_members (segment_id, contact_id) VALUES ('buyers', '" + c + "')");
            }
        }
        Run stats = cli(null, "stats");
        assertThat(stats.exit()).as(stats.out()).isZero();
        assertThat(stats.out()).containsPattern("welcome-mail\\s+10\\s+9\\s+3\\s+33\\.3%\\s+1\\s+11\\.1%\\s+1\\s+1")
                .containsPattern("buyers\\s+Buyers\\s+3");
    }

    @Test
    void tailPrintsTheRecordsOfATopic() throws Exception {
        for (String page : List.of("first", "second", "third")) {
            assertThat(http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2F" + page))
                    .header("Cookie", "mautic_device_id=taildev0001").build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        }
        Run tail = cli(null, "tail", "--topic", "raw-events", "--from-beginning", "-n", "2", "--contact", "taildev0001",
                "--kafka", config.get(KafkaOptions.BOOTSTRAP_SERVERS), "--topic-prefix", config.get(KafkaOptions.TOPIC_PREFIX));
        assertThat(tail.exit()).isZero();
        List<String> lines = tail.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"deviceId\": \"taildev0001\"", "https://shop.example/first");
        assertThat(lines.get(1)).contains("https://shop.example/second");
    }

    private static String campaign(int days) {
        return """
                {"name": "Welcome", "sources": {"segments": ["vip"]}, "events": [
                  {"id": "hello", "type": "action", "kind": "send_email", "email": "hello"},
                  {"id": "again", "type": "action", "kind": "send_email", "email": "again", "parent": "hello",
                   "timing": {"mode": "interval", "amount": %d, "unit": "days"}}]}""".formatted(days);
    }

    private String body(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private int status(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Runs a command with the gateway's URL and token, stdin as given, and what it printed. */
    @Test
    void setupCreatesTheTopicsAndTablesAndCanRunAgain(TestNamespace ns, @TempDir Path dir) throws Exception {
        LeadStreamConfig fresh = ns.config().with(KafkaOptions.TOPIC_PREFIX, ns.topicPrefix() + "setup.")
                .with(CassandraOptions.KEYSPACE, ns.keyspace() + "_setup");
        java.util.Properties file = new java.util.Properties();
        file.putAll(fresh.asMap());
        Path conf = dir.resolve("leadstream.properties");
        try (var out = Files.newOutputStream(conf)) {
            file.store(out, null);
        }
        for (int run = 1; run <= 2; run++) {
            Run setup = cli(null, "setup", "--config", conf.toString());
            assertThat(setup.exit()).as("run %d: %s", run, setup.out()).isZero();
            assertThat(setup.out()).contains("Topics '" + ns.topicPrefix() + "setup.*' and keyspace '" + ns.keyspace() + "_setup' are ready");
        }
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                java.util.Map.of("bootstrap.servers", fresh.get(KafkaOptions.BOOTSTRAP_SERVERS)))) {
            assertThat(admin.listTopics().names().get()).contains(ns.topicPrefix() + "setup.raw-events", ns.topicPrefix() + "setup.send-commands");
        }
        try (CqlSession session = CassandraSessionFactory.open(fresh)) {
            assertThat(session.getMetadata().getKeyspace(ns.keyspace() + "_setup").orElseThrow().getTable("contact_profiles")).isPresent();
        }
    }

    private static synchronized Run cli(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!args[0].equals("tail") && !args[0].equals("setup")) {
            all.addAll(List.of("--url", gateway.baseUrl(), "--token", TOKEN));
        }
        PrintStream out = System.out;
        InputStream in = System.in;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)));
        try {
            int exit = new CommandLine(new LeadStreamCli()).execute(all.toArray(String[]::new));
            return new Run(exit, printed.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setIn(in);
            System.out.print(printed.toString(StandardCharsets.UTF_8));
        }
    }
}
