package io.leadstream.bench;

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

    public BenchSmtpServer() {
        AtomicLong threads = new AtomicLong();
        this.server = SMTPServer.port(0).hostName("localhost").maxConnections(256)
                .serverThreadName(THREAD_PREFIX + "-accept")
                .executorService(Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, THREAD_PREFIX + "-" + threads.incrementAndGet());
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
