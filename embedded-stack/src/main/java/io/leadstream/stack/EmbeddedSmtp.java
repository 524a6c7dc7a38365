package io.leadstream.stack;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A local SMTP server (GreenMail) that accepts and keeps every message, for the local run and tests. */
public final class EmbeddedSmtp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSmtp.class);

    private final int port;
    private GreenMail mail;
    private StartupReport report;

    public EmbeddedSmtp(int port) {
        this.port = FreePorts.orNext(port);
    }

    public synchronized EmbeddedSmtp start() {
        long t0 = System.nanoTime();
        long before = ProcessMemory.selfRssBytes();
        mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        mail.start();
        report = new StartupReport("smtp", (System.nanoTime() - t0) / 1_000_000, ProcessMemory.selfRssBytes() - before);
        LOG.info("{} (in-process) on port {}", report, port);
        return this;
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public StartupReport report() {
        return report;
    }

    public List<MimeMessage> received() {
        return List.of(mail.getReceivedMessages());
    }

    public List<MimeMessage> receivedFor(String address) {
        return List.of(mail.getReceivedMessagesForDomain(address));
    }

    /** The messages of {@code domain} whose first recipient is {@code address}, in order. */
    public List<MimeMessage> receivedBy(String domain, String address) throws jakarta.mail.MessagingException {
        List<MimeMessage> out = new java.util.ArrayList<>();
        for (MimeMessage m : receivedFor(domain)) {
            if (m.getAllRecipients()[0].toString().equals(address)) {
                out.add(m);
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (mail != null) {
            mail.stop();
            mail = null;
        }
    }
}
