package io.leadstream.bench.emails;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A local SMTP server (SubEthaSMTP) that takes every message and keeps only counts: messages, bytes
 * and distinct Message-IDs, so a duplicate send shows. The benchmark measures the workers, not a
 * mailbox store.
 */
final class CountingSmtpServer implements AutoCloseable {
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>]+>)");

    private final SMTPServer server;
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    CountingSmtpServer() {
        this.server = SMTPServer.port(0).hostName("localhost").maxConnections(256)
                .messageHandler((context, from, to, data) -> {
                    bytes.addAndGet(data.length);
                    Matcher m = MESSAGE_ID.matcher(new String(data, 0, Math.min(data.length, 8192), StandardCharsets.US_ASCII));
                    if (m.find()) {
                        ids.add(m.group(1));
                    }
                    messages.incrementAndGet();
                })
                .build();
        server.start();
    }

    int port() {
        return server.getPortAllocated();
    }

    long messages() {
        return messages.get();
    }

    long bytes() {
        return bytes.get();
    }

    int distinctMessageIds() {
        return ids.size();
    }

    @Override
    public void close() {
        server.stop();
    }
}
