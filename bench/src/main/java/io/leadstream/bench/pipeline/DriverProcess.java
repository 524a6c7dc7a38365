package io.leadstream.bench.pipeline;

import io.leadstream.stack.ChildJvm;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The load driver as a child JVM ({@link DriverMain}), seen from the benchmark: {@link #run} orders
 * a run and completes when the driver reports its end; meanwhile a thread of this JVM reads the
 * driver's log into the {@link DriverLedger}, so every accepted event is known here as before.
 */
final class DriverProcess implements AutoCloseable {
    /** The thread that reads the driver's log: its CPU is the driver's, not the engine's (this JVM). */
    static final String READER_THREAD = "load-driver-log-reader";
    private static final long POLL_MS = 20;

    private final ChildJvm jvm;
    private final Path commands;
    private final Path log;
    private final DriverLedger ledger;
    private final Map<Integer, CompletableFuture<DriverLog.RunEnd>> pending = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean closing;
    private int runs;

    private DriverProcess(Path dir, String name, List<String> args, DriverLedger ledger) throws IOException {
        Files.createDirectories(dir);
        this.commands = Files.writeString(dir.resolve(name + ".commands"), "");
        this.log = Files.writeString(dir.resolve(name + ".ledger"), "");
        this.ledger = ledger;
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--commands", commands.toString(), "--log", log.toString()));
        this.jvm = ChildJvm.ofThisClasspath(name, List.of("-Xmx512m", "-XX:+UseG1GC"), DriverMain.class.getName(), all,
                Map.of(), dir.resolve(name + ".log")).start();
        this.reader = new Thread(this::read, READER_THREAD);
        reader.setDaemon(true);
        reader.start();
    }

    /** A driver of the whole mix at the gateway on {@code port}, every outcome recorded in {@code ledger}. */
    static DriverProcess ofMix(Path dir, int port, int devices, long seed, String tokenSecret, String runTag,
                               int maxInFlight, DriverLedger ledger) throws IOException {
        return new DriverProcess(dir, "load-driver", List.of("--port", String.valueOf(port), "--devices", String.valueOf(devices),
                "--seed", String.valueOf(seed), "--token-secret", tokenSecret, "--run-tag", runTag,
                "--max-in-flight", String.valueOf(maxInFlight)), ledger);
    }

    /** A driver of page hits only that counts what was accepted and records nothing else: a ceiling. */
    static DriverProcess ofPageHits(Path dir, int port, int devices, long seed, int maxInFlight) throws IOException {
        return new DriverProcess(dir, "load-driver-bare", List.of("--port", String.valueOf(port), "--devices", String.valueOf(devices),
                "--seed", String.valueOf(seed), "--max-in-flight", String.valueOf(maxInFlight), "--count-only"), new DriverLedger());
    }

    /**
     * Sends {@code events} more at {@code rate} a second (infinity: a closed loop); completes when
     * every one was accepted or refused and the ledger has them, or fails after {@code giveUpAfter}
     * past the schedule.
     */
    synchronized CompletableFuture<DriverLog.RunEnd> run(long events, double rate, Duration giveUpAfter) {
        int id = ++runs;
        CompletableFuture<DriverLog.RunEnd> done = new CompletableFuture<>();
        if (!reader.isAlive()) {
            done.completeExceptionally(new IllegalStateException("the load driver is gone:\n" + jvm.tail(30)));
            return done;
        }
        pending.put(id, done);
        order("run " + id + " " + events + " " + rate + " " + giveUpAfter.toMillis());
        return done;
    }

    long pid() {
        return jvm.pid();
    }

    private void order(String line) {
        try {
            Files.writeString(commands, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read() {
        StringBuilder partial = new StringBuilder();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(log)) {
            while (true) {
                int n = in.read(buffer);
                if (n > 0) {
                    // Lines are ASCII (devices, addresses and statuses the mix makes), so bytes are chars.
                    for (int i = 0; i < n; i++) {
                        char c = (char) buffer[i];
                        if (c == '\n') {
                            ended(DriverLog.apply(partial.toString(), ledger));
                            partial.setLength(0);
                        } else {
                            partial.append(c);
                        }
                    }
                    continue;
                }
                if (closing) {
                    return;
                }
                if (!jvm.isAlive()) {
                    String why = "the load driver exited:\n" + jvm.tail(30);
                    pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException(why)));
                    return;
                }
                Thread.sleep(POLL_MS);
            }
        } catch (IOException | RuntimeException e) {
            pending.values().forEach(f -> f.completeExceptionally(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void ended(DriverLog.RunEnd end) {
        if (end == null) {
            return;
        }
        CompletableFuture<DriverLog.RunEnd> f = pending.remove(end.run());
        if (end.failure() == null) {
            f.complete(end);
        } else {
            f.completeExceptionally(new IllegalStateException(end.failure()));
        }
    }

    @Override
    public void close() {
        closing = true;
        order("stop");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (jvm.isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        jvm.stop(5);
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
