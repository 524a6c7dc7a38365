package io.leadstream.workers;

import io.leadstream.common.config.LeadStreamConfig;
import jakarta.mail.Session;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * One SMTP server the workers deliver through, by name: where, how (STARTTLS, AUTH), how fast
 * ({@code rate} messages per second per worker process, 0 no limit) and whether marketing email
 * goes over it by default. Written in {@code worker.transports} as
 * {@code name=smtp://[user[:password]@]host[:port][?starttls=true&rate=10&marketing=true]}, the URL
 * form Mautic's mailer DSN uses.
 */
record SmtpServer(String name, String host, int port, String user, String password, boolean starttls, double rate, boolean marketing) {
    /** The name of the one server of {@code worker.smtp-*}. */
    static final String DEFAULT = "default";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    SmtpServer {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be a number of messages per second, 0 or more: " + rate);
        }
    }

    /** The one server of the {@code worker.smtp-*} options. */
    static SmtpServer fromOptions(LeadStreamConfig config) {
        return new SmtpServer(DEFAULT, config.get(WorkerOptions.SMTP_HOST), config.get(WorkerOptions.SMTP_PORT), config.get(WorkerOptions.SMTP_USER),
                config.get(WorkerOptions.SMTP_PASSWORD), config.get(WorkerOptions.SMTP_STARTTLS), config.get(WorkerOptions.SMTP_RATE), false);
    }

    /** One entry of {@code worker.transports}; IllegalArgumentException saying what is wrong with it. */
    static SmtpServer parse(String entry) {
        int eq = entry.indexOf('=');
        String name = eq < 0 ? "" : entry.substring(0, eq).strip();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + entry + "': expected name=smtp://host[:port], a name of letters, digits, - and _");
        }
        URI uri;
        try {
            uri = new URI(entry.substring(eq + 1).strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + ": not a URL: " + e.getMessage());
        }
        if (!"smtp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + ": expected smtp://[user[:password]@]host[:port]");
        }
        String[] credentials = uri.getRawUserInfo() == null ? new String[] {"", ""} : uri.getRawUserInfo().split(":", 2);
        boolean starttls = false;
        boolean marketing = false;
        double rate = 0;
        for (String param : uri.getRawQuery() == null ? new String[0] : uri.getRawQuery().split("&")) {
            String[] kv = param.split("=", 2);
            String value = kv.length < 2 ? "" : decode(kv[1]);
            switch (kv[0]) {
                case "starttls" -> starttls = bool(name, "starttls", value);
                case "marketing" -> marketing = bool(name, "marketing", value);
                case "rate" -> rate = rate(name, value);
                default -> throw new IllegalArgumentException(name + ": unknown setting '" + kv[0] + "' (starttls, rate, marketing)");
            }
        }
        return new SmtpServer(name, uri.getHost(), uri.getPort() < 0 ? 25 : uri.getPort(), decode(credentials[0]),
                credentials.length < 2 ? "" : decode(credentials[1]), starttls, rate, marketing);
    }

    /** A Jakarta Mail session for this server: time-outs, STARTTLS required when asked, AUTH when a user is set. */
    Session session() {
        Properties p = new Properties();
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "30000");
        p.put("mail.smtp.writetimeout", "30000");
        if (starttls) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        p.put("mail.smtp.auth", String.valueOf(!user.isEmpty()));
        return Session.getInstance(p);
    }

    /** For the log: where, and the limit; never the password. */
    String describe() {
        return name + " (" + host + ":" + port + (rate > 0 ? ", " + rate + "/s" : "") + (marketing ? ", marketing" : "") + ")";
    }

    @Override
    public String toString() {
        return describe();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static boolean bool(String name, String key, String value) {
        return switch (value) {
            case "true", "" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + ": " + key + " is true or false, not '" + value + "'");
        };
    }

    private static double rate(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": rate is messages per second, not '" + value + "'");
        }
    }
}
