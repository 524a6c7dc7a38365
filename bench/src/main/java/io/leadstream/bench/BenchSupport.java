package io.leadstream.bench;

import io.leadstream.stack.EmbeddedKafka;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;

/** What the load drivers share: the broker, offsets, files, output. */
public final class BenchSupport {
    private BenchSupport() {}

    /** A broker on free ports (EmbeddedKafka retries a first start on fresh ones). */
    public static EmbeddedKafka startKafka(Path dir) {
        return new EmbeddedKafka(dir.resolve("kafka"), 0).start();
    }

    /**
     * The sum of the topic's end offsets: its record count when the topic is new (offsets start at
     * 0) and has no transactions (each commit or abort marker takes an offset too).
     */
    public static long endOffsetSum(String bootstrap, String topic) throws Exception {
        try (EndOffsets offsets = new EndOffsets(bootstrap)) {
            return offsets.sum(topic);
        }
    }

    /** One admin client for repeated end-offset queries (creating one per query costs a broker round of metadata and threads). */
    public static final class EndOffsets implements AutoCloseable {
        private final Admin admin;

        public EndOffsets(String bootstrap) {
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            admin = Admin.create(p);
        }

        /** Every topic on the broker, Kafka's own ({@code __consumer_offsets}, {@code __transaction_state}) included. */
        public Set<String> topics() throws Exception {
            return admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS);
        }

        public long sum(String topic) throws Exception {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
            description.partitions().forEach(pi -> request.put(new TopicPartition(topic, pi.partition()), OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
                    admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
            return offsets.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        }

        @Override
        public void close() {
            admin.close();
        }
    }

    /** A producer for loading a benchmark's input: large lz4 batches, lingering 20 ms. */
    public static KafkaProducer<String, byte[]> bulkProducer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Bytes in all files under {@code dir}. Files that go while it is read (Flink deleting a checkpoint
     * the next one subsumed) are not counted, rather than failing the benchmark.
     */
    public static long sizeOf(Path dir) throws IOException {
        long[] bytes = {0};
        Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    bytes[0] += attrs.size();
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                return gone(e);
            }

            @Override
            public java.nio.file.FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                return e == null ? java.nio.file.FileVisitResult.CONTINUE : gone(e);
            }
        });
        return bytes[0];
    }

    private static java.nio.file.FileVisitResult gone(IOException e) throws IOException {
        if (e instanceof java.nio.file.NoSuchFileException || e.getCause() instanceof java.nio.file.NoSuchFileException) {
            return java.nio.file.FileVisitResult.CONTINUE;
        }
        throw e;
    }

    public static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e);
        }
    }

    /** Copies every {@code .log} file under {@code dir} (the parts' own logs) to a new directory, which it returns. */
    public static Path keepLogs(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            Path kept = Files.createTempDirectory(dir.getFileName() + "-logs");
            for (Path log : paths.filter(p -> p.getFileName().toString().endsWith(".log") && Files.isRegularFile(p)).toList()) {
                Files.copy(log, kept.resolve(dir.relativize(log).toString().replace('/', '_')));
            }
            return kept;
        } catch (IOException e) {
            System.err.println("Could not keep the logs of " + dir + ": " + e);
            return dir;
        }
    }

    /** Appends one JSON line to a results file (created with its directory if missing). */
    public static void appendJsonLine(Path results, JsonObject line) throws IOException {
        Path file = results.toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, line.encode() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        say("Appended to %s", file);
    }

    public static JsonObject machine() {
        return new JsonObject()
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("java", System.getProperty("java.version"))
                .put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    public static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    /** 20s, 500ms, 2m, or an ISO-8601 duration (PT20S); a bare number is seconds. */
    public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.startsWith("pt") || v.startsWith("p")) {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?").matcher(v);
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException("Not a duration: " + value + " (e.g. 20s, 500ms, 2m)");
            }
            double n = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double millis = switch (unit) {
                case "ms" -> n;
                case "m", "min" -> n * 60_000;
                case "h" -> n * 3_600_000;
                default -> n * 1000;
            };
            return Duration.ofMillis((long) millis);
        }
    }
}
