package io.leadstream.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A local SMTP server (SubEthaSMTP) that takes every message and keeps only what a benchmark needs:
 * counts, the distinct Message-IDs (so a duplicate send shows) and when each recipient's first
 * message arrived (so hit-to-inbox latency can be read). It measures the senders, not a mailbox store.
 */
public final class BenchSmtpServer implements AutoCloseable {
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>]+>)");

    private final SMTPServer server;
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final AtomicLong duplicateIds = new AtomicLong();
    private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
    private final Map<String, Integer> perRecipient = new ConcurrentHashMap<>();

    /** Its threads' names start with this, so a benchmark can tell their CPU from the rest of its JVM. */
    public static final String THREAD_PREFIX = "bench-smtp";
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private final Set<Long> threadIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong endedThreadsCpu = new AtomicLong();

    public BenchSmtpServer() {
        AtomicLong threads = new AtomicLong();
        this.server = SMTPServer.port(0).hostName("localhost").maxConnections(256)
                .serverThreadName(THREAD_PREFIX + "-accept")
                .executorService(Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(() -> counted(r), THREAD_PREFIX + "-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }))
                .messageHandler((context, from, to, data) -> {
                    long now = System.currentTimeMillis();
                    bytes.addAndGet(data.length);
                    Matcher m = MESSAGE_ID.matcher(new String(data, 0, Math.min(data.length, 8192), StandardCharsets.US_ASCII));
                    if (m.find() && !ids.add(m.group(1))) {
                        duplicateIds.incrementAndGet();
                    }
                    String recipient = to.toLowerCase(java.util.Locale.ROOT);
                    firstArrival.putIfAbsent(recipient, now);
                    perRecipient.merge(recipient, 1, Integer::sum);
                    messages.incrementAndGet();
                })
                .build();
        server.start();
    }

    /** Runs a pool thread's loop with its CPU counted, while it runs and after it ended. */
    private void counted(Runnable loop) {
        long id = Thread.currentThread().getId();
        threadIds.add(id);
        try {
            loop.run();
        } finally {
            threadIds.remove(id);
            endedThreadsCpu.addAndGet(CPU.getCurrentThreadCpuTime());
        }
    }

    /**
     * CPU nanoseconds the server's session threads have used so far. Told by thread id, not name:
     * a session renames its thread while it runs, and a benchmark keeps its connections open.
     */
    public long cpuNanos() {
        long sum = endedThreadsCpu.get();
        for (long id : threadIds) {
            sum += Math.max(0, CPU.getThreadCpuTime(id));
        }
        return sum;
    }

    public int port() {
        return server.getPortAllocated();
    }

    public long messages() {
        return messages.get();
    }

    public long bytes() {
        return bytes.get();
    }

    public int distinctMessageIds() {
        return ids.size();
    }

    /** Messages whose Message-ID had arrived before: sent twice. */
    public long duplicateMessageIds() {
        return duplicateIds.get();
    }

    /** Epoch millis of the first message to {@code recipient} (lower case), or null. */
    public Long firstArrival(String recipient) {
        return firstArrival.get(recipient);
    }

    /** Messages received for {@code recipient} (lower case). */
    public int messagesTo(String recipient) {
        return perRecipient.getOrDefault(recipient, 0);
    }

    @Override
    public void close() {
        server.stop();
    }
}
