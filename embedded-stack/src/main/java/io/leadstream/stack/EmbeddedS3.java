package io.leadstream.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real S3-compatible object store: S3Proxy (Maven Central) serving the S3 API over a folder, in a
 * child JVM with its own classpath. Requests are signed (AWS Signature V4, or V2) with
 * {@link #ACCESS_KEY} and {@link #SECRET_KEY}; a bucket is a folder under {@code dir/data}, so
 * {@link #bucket} makes one before a client asks for it.
 */
public final class EmbeddedS3 implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);
    private static final String CLASSPATH = "META-INF/leadstream/s3proxy.classpath";
    public static final String ACCESS_KEY = "leadstream-test-access";
    public static final String SECRET_KEY = "leadstream-test-secret-0123456789";
    public static final String REGION = "us-east-1";

    private final Path dir;
    private final int port = FreePorts.next();
    private ChildJvm server;

    public EmbeddedS3(Path dir) {
        this.dir = dir;
    }

    /** The endpoint a client is configured with (path-style addressing: {@code endpoint/bucket/key}). */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public EmbeddedS3 start() {
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(data());
            Path properties = dir.resolve("s3proxy.properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=" + endpoint(),
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + data(),
                    ""));
            server = new ChildJvm("s3proxy", List.of(), List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), CLASSPATH,
                    "org.gaul.s3proxy.Main", List.of("--properties", properties.toString()), dir.resolve("s3proxy.log")).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady(Duration.ofSeconds(60));
        LOG.info("{}", new StartupReport("s3", (System.nanoTime() - t0) / 1_000_000, ProcessMemory.rssBytes(server.pid())));
        return this;
    }

    /** Makes a bucket (a folder of the store) and returns its name. */
    public String bucket(String name) {
        try {
            Files.createDirectories(data().resolve(name));
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The objects kept in a bucket, as files (their keys are paths under the bucket's folder). */
    public List<Path> objects(String bucket) {
        try (var files = Files.walk(data().resolve(bucket))) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    /** Ready once it answers HTTP at all: an unsigned request gets S3's refusal. */
    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            server.checkAlive();
            try {
                http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                Pause.millis(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for s3proxy", e);
            }
        }
        throw new IllegalStateException("s3proxy did not answer within " + timeout + ":\n" + server.tail(40));
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(10);
        }
    }
}
