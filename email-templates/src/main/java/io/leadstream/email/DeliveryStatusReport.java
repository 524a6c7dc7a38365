package io.leadstream.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.eclipse.angus.mail.dsn.DeliveryStatus;

/**
 * The bounces of a delivery status notification (RFC 3464, {@code multipart/report}), as a relay
 * sends one to the gateway's bounce endpoint or a bounce mailbox holds it. Hard or soft is the
 * status class (5.x.x permanent, 4.x.x transient; RFC 3463); without a status, the DSN's action
 * ({@code failed} hard, {@code delayed} soft). "delivered", "relayed" and "expanded" are not bounces.
 * The send comes from the returned message's Message-ID, {@code <sendId@domain>} as the workers make it.
 */
public final class DeliveryStatusReport {
    /** One recipient's bounce. {@code sendId} may be null. */
    public record Bounce(String address, boolean hard, String status, String diagnostic, String sendId) {
        /** The status and the server's words, as a bounce event carries them. */
        public String detail() {
            return status == null ? diagnostic : status + (diagnostic == null ? "" : " " + diagnostic);
        }
    }

    /** The message is not a delivery status notification. */
    public static final class NotADsn extends Exception {
        public NotADsn(String reason) {
            super(reason);
        }
    }

    private static final Session SESSION = Session.getInstance(new Properties());

    private DeliveryStatusReport() {}

    /** The bounces of a DSN message as bytes; none when it reports only deliveries. */
    public static List<Bounce> bounces(byte[] message) throws NotADsn {
        try {
            return bounces(new MimeMessage(SESSION, new ByteArrayInputStream(message)));
        } catch (MessagingException e) {
            throw new NotADsn("unreadable message: " + e.getMessage());
        }
    }

    /** The bounces of a DSN message (a mailbox's, read where it lies); none when it reports only deliveries. */
    public static List<Bounce> bounces(Part message) throws NotADsn {
        try {
            Parts parts = new Parts();
            parts.walk(message);
            if (parts.recipients == null) {
                throw new NotADsn("no message/delivery-status part: not a delivery status notification (RFC 3464)");
            }
            List<Bounce> bounces = new ArrayList<>();
            for (InternetHeaders r : parts.recipients) {
                String address = address(header(r, "Final-Recipient"), header(r, "Original-Recipient"));
                Boolean hard = hard(header(r, "Status"), header(r, "Action"));
                if (address != null && hard != null) {
                    bounces.add(new Bounce(address, hard, header(r, "Status"), header(r, "Diagnostic-Code"), parts.sendId));
                }
            }
            return bounces;
        } catch (MessagingException | IOException e) {
            throw new NotADsn("unreadable message: " + e.getMessage());
        }
    }

    /** What a walk through the report's MIME tree found: the per-recipient fields (null: no status part) and the returned message's send. */
    private static final class Parts {
        List<InternetHeaders> recipients;
        String sendId;

        void walk(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    walk(multipart.getBodyPart(i));
                }
            } else if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
                DeliveryStatus status = new DeliveryStatus(part.getInputStream());
                recipients = recipients == null ? new ArrayList<>() : recipients;
                for (int i = 0; i < status.getRecipientDSNCount(); i++) {
                    recipients.add(status.getRecipientDSN(i));
                }
            } else if (part.isMimeType("text/rfc822-headers") || part.isMimeType("message/rfc822")) {
                String id = new InternetHeaders(part.getInputStream()).getHeader("Message-ID", null);
                if (id != null) {
                    sendId = sendId(id);
                }
            }
        }
    }

    /** {@code <sendId@domain>} → sendId. */
    public static String sendId(String messageId) {
        String id = messageId.strip();
        int at = id.lastIndexOf('@');
        if (!id.startsWith("<") || at < 2) {
            return null;
        }
        return id.substring(1, at);
    }

    /** True hard, false soft, null not a bounce. */
    public static Boolean hard(String status, String action) {
        if (status != null && !status.isBlank()) {
            char c = status.strip().charAt(0);
            if (c == '5') {
                return true;
            }
            if (c == '4') {
                return false;
            }
            if (c == '2') {
                return null;
            }
        }
        if (action == null) {
            return null;
        }
        return switch (action.strip().toLowerCase(Locale.ROOT)) {
            case "failed" -> true;
            case "delayed" -> false;
            default -> null;
        };
    }

    private static String address(String finalRecipient, String originalRecipient) {
        String value = finalRecipient != null ? finalRecipient : originalRecipient;
        if (value == null) {
            return null;
        }
        int semi = value.indexOf(';'); // "rfc822; ann@example.com"
        String address = (semi < 0 ? value : value.substring(semi + 1)).strip();
        return address.contains("@") ? address : null;
    }

    private static String header(InternetHeaders headers, String name) {
        String v = headers.getHeader(name, null);
        return v == null ? null : v.strip();
    }
}
