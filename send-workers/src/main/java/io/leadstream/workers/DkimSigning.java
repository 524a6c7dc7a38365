package io.leadstream.workers;

import io.leadstream.common.config.LeadStreamConfig;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;

/**
 * A sending domain's DKIM signature on every email (simple-java-mail's signer), relaxed canonicalization,
 * RSA-SHA256. The unsubscribe headers are signed too: RFC 8058 asks for it, or mailbox providers ignore
 * one-click unsubscribe. A signed message keeps to 7-bit transfer encodings, which relays may not rewrite.
 */
final class DkimSigning {
    private static final String PEM = "-----BEGIN PRIVATE KEY-----";

    private final DkimSigner signer;

    private DkimSigning(DkimSigner signer) {
        this.signer = signer;
    }

    /** The configured signing, or null when {@code worker.dkim-domain} is empty; a bad key stops the start, naming the option. */
    static DkimSigning of(LeadStreamConfig config) {
        String domain = config.get(WorkerOptions.DKIM_DOMAIN).strip();
        if (domain.isEmpty()) {
            return null;
        }
        String keyFile = config.get(WorkerOptions.DKIM_KEY).strip();
        if (keyFile.isEmpty()) {
            throw new IllegalArgumentException(WorkerOptions.DKIM_KEY.key() + ": required with " + WorkerOptions.DKIM_DOMAIN.key());
        }
        try {
            DkimSigner signer = new DkimSigner(domain, config.get(WorkerOptions.DKIM_SELECTOR).strip(), new ByteArrayInputStream(der(Path.of(keyFile))));
            signer.setHeaderCanonicalization(Canonicalization.RELAXED);
            signer.setBodyCanonicalization(Canonicalization.RELAXED);
            signer.addHeaderToSign("List-Unsubscribe");
            signer.addHeaderToSign("List-Unsubscribe-Post");
            signer.setCheckDomainKey(false); // no DNS query per message: publishing the key is the operator's step (docs/emails.md)
            return new DkimSigning(signer);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(WorkerOptions.DKIM_KEY.key() + ": not a PKCS#8 RSA private key in " + keyFile + ": " + e.getMessage(), e);
        }
    }

    MimeMessage sign(MimeMessage message) throws MessagingException {
        return new DkimMessage(message, signer);
    }

    /** PEM's base64 body, or the file as it is (DER). */
    private static byte[] der(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.contains(PEM)) {
            return bytes;
        }
        String body = text.substring(text.indexOf(PEM) + PEM.length(), text.indexOf("-----END PRIVATE KEY-----"));
        return Base64.getMimeDecoder().decode(body);
    }
}
