package io.leadstream.bench.pipeline;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;

/**
 * The ceiling of a segment send: the same kind of message, DKIM-signed as the send workers sign, sent
 * by as many threads over as many SMTP connections to the same server, and nothing else (no outbox,
 * no rendering, no once-per-contact bookkeeping).
 */
final class BareDkimSends {
    private BareDkimSends() {}

    /** Emails/s for {@code emails} messages over {@code threads} connections to {@code port}. */
    static double run(int port, int threads, int emails, Path pemKey, String domain, String selector, String html, String text) throws Exception {
        String pem = Files.readString(pemKey);
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        DkimSigner signer = new DkimSigner(domain, selector, new ByteArrayInputStream(der));
        signer.setHeaderCanonicalization(Canonicalization.RELAXED);
        signer.setBodyCanonicalization(Canonicalization.RELAXED);
        signer.setCheckDomainKey(false);
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(port));
        Session session = Session.getInstance(p);
        AtomicInteger next = new AtomicInteger();
        List<Thread> senders = new ArrayList<>();
        List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread sender = new Thread(() -> {
                try (Transport transport = session.getTransport("smtp")) {
                    transport.connect();
                    for (int i = next.getAndIncrement(); i < emails; i = next.getAndIncrement()) {
                        MimeMessage m = new MimeMessage(session);
                        m.setFrom(new InternetAddress("news@" + domain, "Shop", StandardCharsets.UTF_8.name()));
                        InternetAddress to = new InternetAddress("ceiling" + i + "@bench.example");
                        m.setRecipient(Message.RecipientType.TO, to);
                        m.setSubject("News for Member " + i, StandardCharsets.UTF_8.name());
                        MimeBodyPart plain = new MimeBodyPart();
                        plain.setText(text, StandardCharsets.UTF_8.name(), "plain");
                        MimeBodyPart rich = new MimeBodyPart();
                        rich.setText(html, StandardCharsets.UTF_8.name(), "html");
                        m.setContent(new MimeMultipart("alternative", plain, rich));
                        m.saveChanges();
                        DkimMessage signed = new DkimMessage(m, signer);
                        transport.sendMessage(signed, new InternetAddress[] {to});
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            }, "bare-dkim-sender-" + t);
            sender.start();
            senders.add(sender);
        }
        for (Thread s : senders) {
            s.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("bare DKIM sends failed", failures.get(0));
        }
        return emails / ((System.nanoTime() - t0) / 1e9);
    }
}
