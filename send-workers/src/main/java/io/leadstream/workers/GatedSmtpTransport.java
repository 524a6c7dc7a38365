package io.leadstream.workers;

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

    /**
     * The gate could not say (Cassandra failed in the middle of DATA): the DATA is abandoned the same
     * way, the connection dropped without QUIT. A QUIT there would be read as data, and its answer
     * waited for until the read timeout: a send thread held for half a minute, at the very moment
     * Cassandra is slow for every thread.
     */
    static final class GateFailed extends MessagingException {
        GateFailed(RuntimeException cause) {
            super("the gate failed before the final dot: " + cause.getMessage(), new IOException(cause));
        }
    }

    private Gate gate;
    private boolean passed;
    private boolean open;
    private long lastUsed;

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
            this.lastUsed = System.nanoTime();
        }
    }

    /**
     * Whether the connection can carry the next message. {@link #isConnected()} asks the server
     * (NOOP) every time: a fifth of the round trips of a message on a busy connection. So it is
     * asked only of a connection quiet for {@code probeAfterIdle} nanoseconds, which a server may
     * have dropped; a busy one that broke fails its next message before the final dot, a retry.
     */
    synchronized boolean usable(long probeAfterIdle) {
        return open && (System.nanoTime() - lastUsed < probeAfterIdle || isConnected());
    }

    @Override
    protected synchronized void setConnected(boolean connected) {
        // Service calls it on connect and on every close, also the close after a broken connection.
        this.open = connected;
        this.lastUsed = System.nanoTime();
        super.setConnected(connected);
    }

    synchronized boolean passedGate() {
        return passed;
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        boolean mayGo;
        try {
            mayGo = gate == null || gate.open();
        } catch (RuntimeException e) {
            throw new GateFailed(e);
        }
        if (!mayGo) {
            throw new GateClosed();
        }
        passed = true;
        super.finishData();
    }
}
