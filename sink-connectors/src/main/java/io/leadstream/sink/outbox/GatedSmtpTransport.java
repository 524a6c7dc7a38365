package io.leadstream.sink.outbox;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * An SMTP transport that asks a gate before it ends DATA. The final dot is the instant the server
 * takes the message, so the gate is where a worker records (under its claim) that from now on the
 * message may be the server's: before it, a crash loses nothing and a retry duplicates nothing.
 */
final class GatedSmtpTransport extends SMTPTransport {
    /** Decides, at the last moment, whether the message may go. */
    @FunctionalInterface
    interface Gate {
        boolean open();
    }

    /** The gate stayed shut: the DATA was abandoned without its final dot, so the server dropped it. */
    static final class GateClosed extends MessagingException {
        GateClosed() {
            // An IOException inside makes SMTPTransport drop the connection (no QUIT, which would be read as data).
            super("not sent: the claim on the message was lost before the final dot", new IOException("gate closed"));
        }
    }

    private Gate gate;
    private boolean passed;

    GatedSmtpTransport(Session session) {
        super(session, new URLName("smtp", null, -1, null, null, null));
    }

    /** Sends the message through the gate; {@link #passedGate()} then says whether the final dot went. */
    synchronized void send(MimeMessage message, Gate gate) throws MessagingException {
        this.gate = gate;
        this.passed = false;
        try {
            sendMessage(message, message.getAllRecipients());
        } finally {
            this.gate = null;
        }
    }

    synchronized boolean passedGate() {
        return passed;
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        if (gate != null && !gate.open()) {
            throw new GateClosed();
        }
        passed = true;
        super.finishData();
    }
}
