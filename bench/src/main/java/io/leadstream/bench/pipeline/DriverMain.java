package io.leadstream.bench.pipeline;

import io.vertx.core.Vertx;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The load driver's process ({@link DriverProcess} starts it): a {@link PipelineDriver} that takes
 * its orders from a file the benchmark appends to ({@code run ID EVENTS RATE GIVE_UP_MS}, {@code stop})
 * and writes what became of every event to another ({@link DriverLog}).
 */
@Command(name = "pipeline-driver", mixinStandardHelpOptions = true, description = "The pipeline benchmark's load driver (started by the benchmark).")
public final class DriverMain implements Callable<Integer> {
    private static final long POLL_MS = 20;
    private static final long FLUSH_MS = 50;

    @Option(names = "--host", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--port", required = true)
    int port;

    @Option(names = "--devices", required = true)
    int devices;

    @Option(names = "--seed", required = true)
    long seed;

    @Option(names = "--token-secret", description = "Signs the opens' and clicks' tokens; none: page hits only.")
    String tokenSecret;

    @Option(names = "--run-tag", defaultValue = "p")
    String runTag;

    @Option(names = "--max-in-flight", defaultValue = "256")
    int maxInFlight;

    @Option(names = "--count-only", description = "Write only each run's count of accepted events, not every event (a ceiling).")
    boolean countOnly;

    @Option(names = "--commands", required = true)
    Path commands;

    @Option(names = "--log", required = true)
    Path log;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DriverMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
             RandomAccessFile orders = new RandomAccessFile(commands.toFile(), "r")) {
            PipelineMix mix = tokenSecret == null ? PipelineMix.pageHitsOnly(devices, seed) : new PipelineMix(devices, seed, tokenSecret, runTag);
            DriverLog.Out ledger = new DriverLog.Out(out, !countOnly);
            PipelineDriver driver = new PipelineDriver(vertx, host, port, mix, ledger, maxInFlight);
            // Lines are written on the driver's event loop; a BufferedWriter locks, so another thread may flush.
            vertx.setPeriodic(FLUSH_MS, t -> ledger.flush());
            StringBuilder partial = new StringBuilder();
            while (true) {
                String line = nextLine(orders, partial);
                if (line == null) {
                    Thread.sleep(POLL_MS);
                    continue;
                }
                String[] f = line.trim().split(" ");
                if (f[0].equals("stop")) {
                    break;
                }
                int run = Integer.parseInt(f[1]);
                long events = Long.parseLong(f[2]);
                double rate = Double.parseDouble(f[3]);
                Duration giveUp = Duration.ofMillis(Long.parseLong(f[4]));
                long t0 = System.nanoTime();
                long before = ledger.accepted();
                // Completions run on the event loop (the driver's context), where the log is written.
                driver.run(events, rate, giveUp).onComplete(ar -> {
                    if (ar.succeeded()) {
                        ledger.done(run, ledger.accepted() - before, (System.nanoTime() - t0) / 1e9);
                    } else {
                        ledger.failed(run, ar.cause().getMessage());
                    }
                });
            }
            driver.close().toCompletionStage().toCompletableFuture().get();
            return 0;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    /** The next whole line of the orders file, or null when none is complete yet. */
    private static String nextLine(RandomAccessFile file, StringBuilder partial) throws IOException {
        int c;
        while ((c = file.read()) >= 0) {
            if (c == '\n') {
                String line = partial.toString();
                partial.setLength(0);
                return line;
            }
            partial.append((char) c);
        }
        return null;
    }
}
