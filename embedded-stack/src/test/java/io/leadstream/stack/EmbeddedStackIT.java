package io.leadstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each real component of the shared stack answers, and namespaces keep tests apart. */
@ExtendWith(LeadStreamStackExtension.class)
class EmbeddedStackIT {

    @Test
    void kafkaAcceptsAndReturnsRecordsOnANamespacedTopic(TestNamespace ns) throws Exception {
        String topic = ns.topicPrefix() + "smoke";
        ns.createTopics(2, List.of(topic));
        Properties p = ns.stack().kafka().clientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
            }
        }
        Properties c = ns.stack().kafka().clientProperties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "smoke");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 20_000;
            while (values.size() < 10 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        assertThat(values).hasSize(10).contains("v0", "v9");
    }

    @Test
    void cassandraKeyspacesAreIsolatedPerTest(TestNamespace a, TestNamespace b) {
        a.config();
        b.config();
        assertThat(a.keyspace()).isNotEqualTo(b.keyspace());
        try (CqlSession session = a.stack().cassandra().newSession()) {
            session.execute("CREATE TABLE " + a.keyspace() + ".kv (k text PRIMARY KEY, v text)");
            session.execute("INSERT INTO " + a.keyspace() + ".kv (k, v) VALUES ('x', 'y')");
            assertThat(session.execute("SELECT v FROM " + a.keyspace() + ".kv WHERE k = 'x'").one().getString("v"))
                    .isEqualTo("y");
            assertThat(session.getMetadata().getKeyspace(b.keyspace()).orElseThrow().getTable("kv")).isEmpty();
        }
    }

    @Test
    void smtpReceivesMail(LeadStreamStack stack) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", stack.smtp().host());
        props.put("mail.smtp.port", Integer.toString(stack.smtp().port()));
        MimeMessage msg = new MimeMessage(Session.getInstance(props));
        msg.setFrom(new InternetAddress("from@leadstream.test"));
        msg.setRecipient(Message.RecipientType.TO, new InternetAddress("smoke@leadstream.test"));
        msg.setSubject("smoke");
        msg.setText("hello");
        Transport.send(msg);
        assertThat(stack.smtp().received()).anySatisfy(m -> assertThat(m.getSubject()).isEqualTo("smoke"));
    }

    @Test
    void flinkRunsAJobOnTheSharedMiniCluster(LeadStreamStack stack) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromData(1, 2, 3).map(i -> i * 2).returns(Integer.class).print();
        JobID job = stack.flink().submit(env, "smoke");
        long deadline = System.currentTimeMillis() + 30_000;
        while (!stack.flink().status(job).isTerminalState() && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(stack.flink().status(job)).isEqualTo(JobStatus.FINISHED);
    }

    @Test
    void startupReportsCoverEveryComponent(LeadStreamStack stack) {
        assertThat(stack.reports()).extracting(StartupReport::component)
                .containsExactly("kafka", "cassandra", "flink", "smtp");
        stack.reports().forEach(r -> System.out.println("STARTUP " + r));
    }

    @Test
    void theBrokerRunsBeforeCassandraOnAShortCpu(LeadStreamStack stack) throws Exception {
        boolean canNice = java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/nice"));
        boolean root = "root".equals(System.getProperty("user.name"));
        assertThat(niceness(stack.cassandra().pid())).isEqualTo(canNice ? 5 : 0);
        assertThat(niceness(stack.kafka().pid())).isEqualTo(canNice && root ? -5 : 0);
    }

    /** Field 19 of /proc/PID/stat (the 17th after the command's closing parenthesis). */
    private static int niceness(long pid) throws java.io.IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }
}
