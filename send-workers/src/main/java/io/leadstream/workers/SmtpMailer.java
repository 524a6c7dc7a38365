package io.leadstream.workers;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.email.EmailDefinition;
import io.leadstream.email.RenderedEmail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Delivers rendered emails over SMTP with Jakarta Mail, one connection kept open per worker and
 * transport ({@link SmtpServers}: which transport an email goes over, and each one's send rate).
 * STARTTLS and AUTH come from the transport's settings. A refusal with a 5xx code is permanent (a hard
 * bounce); a 4xx, or a broken connection before the final dot, is transient and worth a retry. A
 * connection lost after the final dot, before the server's answer, leaves the message unconfirmed:
 * the server may have it, so it is not retried.
 */
public final class SmtpMailer implements AutoCloseable {
    static {
        // Jakarta Mail looks its StreamProvider up with a ServiceLoader scan of the classpath for every
        // MIME part it writes (a quarter of a worker's CPU); naming the implementation skips the scan.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    /** Why a message was not sent, and whether trying again can help. */
    public static final class SendFailure extends Exception {
        /** What the failure means for the message. */
        public enum Kind {
            /** Not taken; trying again may work. */
            TRANSIENT,
            /** Not taken, because the gate's store (Cassandra) failed before the final dot: the server was fine, so soon again. */
            STORE,
            /** Refused for good (5xx). */
            PERMANENT,
            /** Maybe taken: the answer to the final dot never came. Never retried. */
            UNCONFIRMED,
            /** Not sent, because the gate said the message is no longer this sender's. */
            NOT_OURS,
            /** Not tried: its transport's send rate gave no permit within worker.transport-wait. Nothing was sent or marked. */
            THROTTLED
        }

        private final Kind kind;
        private final int smtpCode;

        SendFailure(String message, Kind kind, Throwable cause) {
            this(message, kind, -1, cause);
        }

        SendFailure(String message, Kind kind, int smtpCode, Throwable cause) {
            super(message, cause);
            this.kind = kind;
            this.smtpCode = smtpCode;
        }

        public Kind kind() {
            return kind;
        }

        /** The server's reply code, or -1 when there was none. */
        public int smtpCode() {
            return smtpCode;
        }
    }

    /**
     * A connection quiet this long is asked (NOOP) whether it still stands before it carries a
     * message: servers drop idle ones (Postfix after 300 s), and a message sent into a dropped one
     * waits for a retry.
     */
    static final Duration PROBE_AFTER_IDLE = Duration.ofSeconds(5);

    private final SmtpServers servers;
    private final Duration rateWait;
    private final DkimSigning dkim;
    /** Open connections by transport name. */
    private final Map<String, GatedSmtpTransport> transports = new HashMap<>();

    /** A mailer with transports and send rates of its own: a process's send threads share theirs ({@link #SmtpMailer(LeadStreamConfig, SmtpServers)}). */
    public SmtpMailer(LeadStreamConfig config) {
        this(config, SmtpServers.of(config));
    }

    SmtpMailer(LeadStreamConfig config, SmtpServers servers) {
        this.servers = servers;
        this.rateWait = config.get(WorkerOptions.TRANSPORT_WAIT);
        this.dkim = DkimSigning.of(config);
    }

    /** Sends over the default transport, asking {@code gate} just before the final dot of DATA whether the message may still go. */
    public void send(String from, String fromName, String to, RenderedEmail email, GatedSmtpTransport.Gate gate) throws SendFailure {
        send(servers.fallback(), from, fromName, to, email, gate);
    }

    /** Sends {@code definition}'s rendering over the transport it chooses ({@link SmtpServers#choose}). */
    void send(EmailDefinition definition, String to, RenderedEmail email, GatedSmtpTransport.Gate gate) throws SendFailure {
        send(servers.choose(definition.transport(), definition.isMarketing()), definition.from(), definition.fromName(), to, email, gate);
    }

    void send(SmtpServer server, String from, String fromName, String to, RenderedEmail email, GatedSmtpTransport.Gate gate) throws SendFailure {
        GatedSmtpTransport t;
        try {
            t = transport(server);
        } catch (MessagingException e) {
            close(server);
            throw new SendFailure("SMTP: " + e.getMessage(), SendFailure.Kind.TRANSIENT, e);
        }
        MimeMessage message;
        try {
            message = message(servers.session(server), from, fromName, to, email, dkim == null && t.supportsExtension("8BITMIME"));
            if (dkim != null) {
                message = dkim.sign(message);
            }
        } catch (MessagingException | UnsupportedEncodingException | IllegalArgumentException e) {
            throw new SendFailure("cannot build the message: " + e.getMessage(), SendFailure.Kind.PERMANENT, e);
        }
        // The permit as close to the message's submission as can be (a connection's set-up after it would bunch what the
        // relay sees), and before the gate: a message that gets none has sent nothing and marked nothing, so it is simply
        // not tried yet, its connection kept for the next.
        if (!servers.rate(server).acquire(rateWait)) {
            throw new SendFailure("transport " + server.name() + " is at its rate limit (" + server.rate() + "/s)", SendFailure.Kind.THROTTLED, null);
        }
        try {
            t.send(message, gate);
        } catch (GatedSmtpTransport.GateClosed e) {
            close(server);
            throw new SendFailure(e.getMessage(), SendFailure.Kind.NOT_OURS, e);
        } catch (GatedSmtpTransport.GateFailed e) {
            close(server);
            throw new SendFailure(e.getMessage(), SendFailure.Kind.STORE, e);
        } catch (SMTPSendFailedException e) {
            // An answer from the server: whatever it was, the message was not taken.
            throw new SendFailure("SMTP " + e.getReturnCode() + ": " + e.getMessage(),
                    e.getReturnCode() >= 500 ? SendFailure.Kind.PERMANENT : SendFailure.Kind.TRANSIENT, e.getReturnCode(), e);
        } catch (MessagingException | RuntimeException e) {
            // A RuntimeException here is not the gate's (GateFailed, above): a retry if before the dot,
            // which takes back a mark the gate wrote; left to the caller, that mark would read as a
            // worker that died after the dot (unconfirmed, never sent).
            boolean afterDot = t.passedGate();
            close(server); // the connection is in an unknown state: a fresh one next time
            throw new SendFailure("SMTP: " + e.getMessage(), afterDot ? SendFailure.Kind.UNCONFIRMED : SendFailure.Kind.TRANSIENT, e);
        }
    }

    private static MimeMessage message(Session session, String from, String fromName, String to, RenderedEmail email, boolean serverTakes8Bit)
            throws MessagingException, UnsupportedEncodingException {
        String messageId = email.headers().get("Message-ID");
        // Jakarta Mail would make up its own Message-ID on save; ours is the send's, the same on a retry.
        SMTPMessage message = new SMTPMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress(from, fromName, StandardCharsets.UTF_8.name()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
        String textEncoding = TransferEncoding.of(email.text(), serverTakes8Bit);
        String htmlEncoding = TransferEncoding.of(email.html(), serverTakes8Bit);
        if (TransferEncoding.EIGHT_BIT.equals(textEncoding) || TransferEncoding.EIGHT_BIT.equals(htmlEncoding)) {
            message.setMailExtension("BODY=8BITMIME"); // RFC 6152: the client says so in MAIL FROM
        }
        message.setContent(new MimeMultipart("alternative", part(email.text(), "plain", textEncoding), part(email.html(), "html", htmlEncoding)));
        for (Map.Entry<String, String> h : email.headers().entrySet()) {
            if (!"Message-ID".equals(h.getKey())) {
                message.setHeader(h.getKey(), h.getValue());
            }
        }
        message.saveChanges();
        return message;
    }

    private static MimeBodyPart part(String body, String subtype, String transferEncoding) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(body, StandardCharsets.UTF_8.name(), subtype);
        part.setHeader("Content-Transfer-Encoding", transferEncoding);
        return part;
    }

    private GatedSmtpTransport transport(SmtpServer server) throws MessagingException {
        GatedSmtpTransport transport = transports.get(server.name());
        if (transport == null || !transport.usable(PROBE_AFTER_IDLE.toNanos())) {
            transport = new GatedSmtpTransport(servers.session(server));
            transports.put(server.name(), transport);
            if (server.user().isEmpty()) {
                transport.connect();
            } else {
                transport.connect(server.user(), server.password());
            }
        }
        return transport;
    }

    private void close(SmtpServer server) {
        GatedSmtpTransport transport = transports.remove(server.name());
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // closing a connection that already broke
            }
        }
    }

    @Override
    public void close() {
        servers.all().forEach(this::close);
    }
}
