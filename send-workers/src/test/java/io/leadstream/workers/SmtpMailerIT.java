package io.leadstream.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.email.RenderedEmail;
import io.leadstream.stack.EmbeddedSmtp;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The mailer against real SMTP servers: SubEthaSMTP, which takes 8BITMIME, and GreenMail, which
 * does not. The bodies must arrive as written whichever transfer encoding they went in, a busy
 * connection carries message after message, and with a key every message carries a DKIM signature
 * that Apache James' verifier accepts.
 */
class SmtpMailerIT {
    private static final String HTML = "<p>Grüße, Ann</p><p><a href=\"https://shop.example/u\">Unsubscribe</a> · 😀</p>";
    private static final String TEXT = "Hi Ann, see https://shop.example/new";
    private static final GatedSmtpTransport.Gate OPEN = () -> true;

    private record Arrival(SocketAddress from, byte[] data) {}

    @Test
    void textThatIsNotAsciiGoes8BitToAServerThatTakesItAndArrivesAsWritten() throws Exception {
        List<Arrival> arrivals = new CopyOnWriteArrayList<>();
        SMTPServer server = subetha(arrivals);
        try (SmtpMailer mailer = new SmtpMailer(config(server.getPortAllocated()))) {
            mailer.send("news@shop.example", "Shop", "ann@example.com", email("<m1@shop.example>"), OPEN);
        } finally {
            server.stop();
        }
        assertThat(arrivals).hasSize(1);
        String raw = new String(arrivals.get(0).data(), StandardCharsets.UTF_8);
        assertThat(raw).contains("Content-Transfer-Encoding: 7bit", "Content-Transfer-Encoding: 8bit").contains(HTML)
                .doesNotContain("quoted-printable");
        assertBodies(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(arrivals.get(0).data())));
    }

    @Test
    void aServerWithout8BitMimeGetsQuotedPrintableAndTheSameText() throws Exception {
        try (EmbeddedSmtp greenMail = new EmbeddedSmtp(24_025).start(); SmtpMailer mailer = new SmtpMailer(config(greenMail.port()))) {
            mailer.send("news@shop.example", "Shop", "ann@example.com", email("<m2@shop.example>"), OPEN);
            MimeMessage received = greenMail.received().get(0);
            MimeMultipart parts = (MimeMultipart) received.getContent();
            assertThat(parts.getBodyPart(0).getHeader("Content-Transfer-Encoding")).containsExactly("7bit");
            assertThat(parts.getBodyPart(1).getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
            assertBodies(received);
        }
    }

    @Test
    void aGateFailingInTheMiddleOfDataIsARetryAndTheNextMessageGoesOnAFreshConnection() throws Exception {
        List<Arrival> arrivals = new CopyOnWriteArrayList<>();
        SMTPServer server = subetha(arrivals);
        try (SmtpMailer mailer = new SmtpMailer(config(server.getPortAllocated()))) {
            GatedSmtpTransport.Gate failing = () -> {
                throw new IllegalStateException("Cassandra timed out");
            };
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> mailer.send("news@shop.example", "Shop", "ann@example.com", email("<g1@shop.example>"), failing))
                    .isInstanceOfSatisfying(SmtpMailer.SendFailure.class,
                            f -> assertThat(f.kind()).as("the store failed, not the server").isEqualTo(SmtpMailer.SendFailure.Kind.STORE));
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - t0)).as("the connection dropped at once, not closed by a QUIT "
                    + "the server reads as data and never answers (the thread would wait out the read timeout)").isLessThan(java.time.Duration.ofSeconds(5));
            mailer.send("news@shop.example", "Shop", "bob@example.com", email("<g2@shop.example>"), OPEN);
        } finally {
            server.stop();
        }
        assertThat(arrivals).singleElement().satisfies(a ->
                assertThat(new String(a.data(), StandardCharsets.UTF_8)).contains("<g2@shop.example>").doesNotContain("<g1@shop.example>"));
    }

    @Test
    void aBusyConnectionCarriesEveryMessageAndIsAskedWhetherItStandsOnlyAfterItWasQuiet() throws Exception {
        List<Arrival> arrivals = new CopyOnWriteArrayList<>();
        SMTPServer server = subetha(arrivals);
        try (SmtpMailer mailer = new SmtpMailer(config(server.getPortAllocated()))) {
            for (int i = 0; i < 5; i++) {
                mailer.send("news@shop.example", "Shop", "ann" + i + "@example.com", email("<b" + i + "@shop.example>"), OPEN);
            }
            assertThat(arrivals).hasSize(5).extracting(Arrival::from).as("one connection").containsOnly(arrivals.get(0).from());
        }

        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", String.valueOf(server.getPortAllocated()));
        GatedSmtpTransport transport = new GatedSmtpTransport(Session.getInstance(smtp));
        transport.connect();
        assertThat(transport.usable(Long.MAX_VALUE)).isTrue();
        server.stop(); // drops the connection
        assertThat(transport.usable(Long.MAX_VALUE)).as("busy: not asked, so not known yet").isTrue();
        assertThat(transport.usable(0)).as("quiet: asked (NOOP), and found broken").isFalse();
        assertThat(transport.usable(Long.MAX_VALUE)).as("closed for good").isFalse();
    }

    @Test
    void withADkimKeyEveryMessageIsSignedAndTheSignatureVerifiesWithThePublishedKey(@TempDir Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Path pem = dir.resolve("dkim.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        List<Arrival> arrivals = new CopyOnWriteArrayList<>();
        SMTPServer server = subetha(arrivals);
        LeadStreamConfig config = config(server.getPortAllocated()).with(WorkerOptions.DKIM_DOMAIN, "shop.example")
                .with(WorkerOptions.DKIM_SELECTOR, "ls1").with(WorkerOptions.DKIM_KEY, pem.toString());
        RenderedEmail email = new RenderedEmail("Grüße", HTML, TEXT, Map.of("Message-ID", "<d1@shop.example>",
                "List-Unsubscribe", "<https://t.shop.example/email/unsubscribe/x>", "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
        try (SmtpMailer mailer = new SmtpMailer(config)) {
            mailer.send("news@shop.example", "Shop", "ann@example.com", email, OPEN);
        } finally {
            server.stop();
        }
        byte[] raw = arrivals.get(0).data();
        String published = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        List<String> asked = new CopyOnWriteArrayList<>();
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> {
            asked.add(selector + "._domainkey." + domain);
            return List.of(published);
        });
        List<SignatureRecord> verified = verifier.verify(new ByteArrayInputStream(raw));
        assertThat(verified).singleElement().satisfies(r -> {
            assertThat(r.getDToken()).hasToString("shop.example");
            assertThat(r.getHeaders().stream().map(h -> h.toString().toLowerCase(java.util.Locale.ROOT)))
                    .contains("from", "subject", "list-unsubscribe", "list-unsubscribe-post");
        });
        assertThat(asked).containsExactly("ls1._domainkey.shop.example");
        assertThat(new String(raw, StandardCharsets.UTF_8)).as("7-bit encodings only: a relay may not rewrite them").doesNotContain("8bit");
        assertBodies(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));

        raw[raw.length - 10] ^= 1; // one body byte changed on the way: the signature no longer holds
        assertThatThrownBy(() -> verifier.verify(new ByteArrayInputStream(raw))).isInstanceOf(FailException.class);
        assertThatThrownBy(() -> new SmtpMailer(config.with(WorkerOptions.DKIM_KEY, dir.resolve("missing.pem").toString())))
                .hasMessageStartingWith("worker.dkim-key: not a PKCS#8 RSA private key");
    }

    private static void assertBodies(MimeMessage m) throws Exception {
        Multipart parts = (Multipart) m.getContent();
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo(TEXT);
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo(HTML);
    }

    private static RenderedEmail email(String messageId) {
        return new RenderedEmail("Grüße", HTML, TEXT, Map.of("Message-ID", messageId));
    }

    private static SMTPServer subetha(List<Arrival> arrivals) {
        SMTPServer server = SMTPServer.port(0).hostName("localhost")
                .messageHandler((context, from, to, data) -> arrivals.add(new Arrival(context.getRemoteAddress(), data)))
                .build();
        server.start();
        return server;
    }

    private static LeadStreamConfig config(int port) {
        return LeadStreamConfig.empty().with(WorkerOptions.SMTP_HOST, "127.0.0.1").with(WorkerOptions.SMTP_PORT, port);
    }
}
