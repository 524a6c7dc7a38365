package io.leadstream.workers;

import io.leadstream.common.config.LeadStreamConfig;
import jakarta.mail.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMTP transports of a worker process and which one an email goes over: the one it names; for
 * a marketing email naming none, the first marked for marketing; else the default (the first
 * listed, or the one server of {@code worker.smtp-*} when none is). A name not configured falls back
 * to the default, with a warning once per name: the definition may be from before a change of
 * configuration, and the email should still go. Each transport has one send rate, shared by the
 * process's send threads.
 */
final class SmtpServers {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpServers.class);

    private final Map<String, SmtpServer> byName = new LinkedHashMap<>();
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final Map<String, SendRate> rates = new LinkedHashMap<>();
    private final SmtpServer fallback;
    private final SmtpServer marketing;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    SmtpServers(List<SmtpServer> servers) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no SMTP transport");
        }
        for (SmtpServer s : servers) {
            if (byName.putIfAbsent(s.name(), s) != null) {
                throw new IllegalArgumentException("transport " + s.name() + " is listed twice");
            }
            sessions.put(s.name(), s.session());
            rates.put(s.name(), SendRate.of(s.rate()));
        }
        this.fallback = servers.get(0);
        this.marketing = servers.stream().filter(SmtpServer::marketing).findFirst().orElse(fallback);
    }

    /** {@code worker.transports}, or the one server of {@code worker.smtp-*} when it is empty; a bad entry stops the start naming the key. */
    static SmtpServers of(LeadStreamConfig config) {
        String list = config.get(WorkerOptions.TRANSPORTS).strip();
        if (list.isEmpty()) {
            return new SmtpServers(List.of(SmtpServer.fromOptions(config)));
        }
        // A HOCON list in the config file arrives as "[a, b]".
        if (list.startsWith("[") && list.endsWith("]")) {
            list = list.substring(1, list.length() - 1);
        }
        List<SmtpServer> servers = new ArrayList<>();
        try {
            for (String entry : list.split("[,\\s]+")) {
                if (!entry.isEmpty()) {
                    servers.add(SmtpServer.parse(entry));
                }
            }
            return new SmtpServers(servers);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(WorkerOptions.TRANSPORTS.key() + ": " + e.getMessage(), e);
        }
    }

    /** The transport of an email naming {@code name} (null or blank: none). */
    SmtpServer choose(String name, boolean marketingEmail) {
        if (name == null || name.isBlank()) {
            return marketingEmail ? marketing : fallback;
        }
        SmtpServer named = byName.get(name);
        if (named != null) {
            return named;
        }
        if (warned.add(name)) {
            LOG.warn("An email names SMTP transport '{}', which is not configured (worker.transports: {}): it goes over the default, {}, as"
                    + " every email naming it will (said once)", name, byName.keySet(), fallback.name());
        }
        return fallback;
    }

    SmtpServer fallback() {
        return fallback;
    }

    Session session(SmtpServer server) {
        return sessions.get(server.name());
    }

    SendRate rate(SmtpServer server) {
        return rates.get(server.name());
    }

    List<SmtpServer> all() {
        return List.copyOf(byName.values());
    }

    @Override
    public String toString() {
        return String.join(", ", byName.values().stream().map(SmtpServer::describe).toList());
    }
}
