package io.leadstream.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadstream.email.DeliveryStatusReport.Bounce;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading delivery status notifications: the gateway's bounce endpoint and the send workers' bounce mailbox both do it here. */
class DeliveryStatusReportTest {
    /** A Postfix-style DSN: one recipient failed for good, one delayed, one delivered; the original headers returned. */
    static final String DSN = """
            From: MAILER-DAEMON@mx.shop.example (Mail Delivery System)
            To: news@shop.example
            Subject: Undelivered Mail Returned to Sender
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

            --B1
            Content-Type: text/plain; charset=us-ascii

            I'm sorry to have to inform you that your message could not be delivered.

            --B1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.shop.example
            Arrival-Date: Tue, 24 Nov 2026 07:00:00 +0000

            Final-Recipient: rfc822; gone@example.com
            Original-Recipient: rfc822;gone@example.com
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown

            Final-Recipient: rfc822; full@example.com
            Action: delayed
            Status: 4.2.2
            Diagnostic-Code: smtp; 452 4.2.2 Mailbox full

            Final-Recipient: rfc822; fine@example.com
            Action: delivered
            Status: 2.0.0

            --B1
            Content-Type: text/rfc822-headers

            From: Shop <news@shop.example>
            To: gone@example.com
            Subject: Spring sale
            Message-ID: <a1b2c3d4e5@shop.example>

            --B1--
            """.replace("\n", "\r\n");

    @Test
    void aDsnGivesEachFailedOrDelayedRecipientWithTheSendOfTheReturnedMessage() throws Exception {
        List<Bounce> bounces = DeliveryStatusReport.bounces(DSN.getBytes(StandardCharsets.US_ASCII));
        assertThat(bounces).containsExactly(
                new Bounce("gone@example.com", true, "5.1.1",
                        "smtp; 550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown", "a1b2c3d4e5"),
                new Bounce("full@example.com", false, "4.2.2", "smtp; 452 4.2.2 Mailbox full", "a1b2c3d4e5"));
    }


    @Test
    void aReturnedWholeMessageNamesTheSendAndAnActionWithoutAStatusDecidesTheKind() throws Exception {
        String dsn = """
                From: MAILER-DAEMON@relay.example
                Subject: Delivery Status Notification (Failure)
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="R"

                --R
                Content-Type: text/plain

                Delivery failed.

                --R
                Content-Type: message/delivery-status

                Reporting-MTA: dns; relay.example

                Final-Recipient: rfc822; ann@example.com
                Action: failed

                Original-Recipient: rfc822; bob@example.com
                Action: delayed

                --R
                Content-Type: message/rfc822

                From: news@shop.example
                To: ann@example.com
                Message-ID: <send-42@shop.example>
                Subject: Hi

                Hello
                --R--
                """.replace("\n", "\r\n");
        assertThat(DeliveryStatusReport.bounces(dsn.getBytes(StandardCharsets.US_ASCII))).containsExactly(
                new Bounce("ann@example.com", true, null, null, "send-42"), new Bounce("bob@example.com", false, null, null, "send-42"));
    }

    @Test
    void theStatusClassDecidesHardOrSoftBeforeTheActionAndASuccessIsNoBounce() {
        assertThat(DeliveryStatusReport.hard("5.7.1", "delayed")).isTrue();
        assertThat(DeliveryStatusReport.hard(" 4.4.7", "failed")).isFalse();
        assertThat(DeliveryStatusReport.hard("2.0.0", "failed")).isNull();
        assertThat(DeliveryStatusReport.hard(null, "relayed")).isNull();
        assertThat(DeliveryStatusReport.hard(null, null)).isNull();
    }

    @Test
    void theSendIsTheLocalPartOfAnAngleBracketedMessageId() {
        assertThat(DeliveryStatusReport.sendId(" <abc@shop.example> ")).isEqualTo("abc");
        assertThat(DeliveryStatusReport.sendId("<a@b@shop.example>")).isEqualTo("a@b");
        assertThat(DeliveryStatusReport.sendId("abc@shop.example")).isNull();
        assertThat(DeliveryStatusReport.sendId("<@shop.example>")).isNull();
    }

    @Test
    void theDetailIsTheStatusThenTheServersWords() {
        assertThat(new Bounce("a@x.example", true, "5.1.1", "smtp; 550 unknown", null).detail()).isEqualTo("5.1.1 smtp; 550 unknown");
        assertThat(new Bounce("a@x.example", true, "5.1.1", null, null).detail()).isEqualTo("5.1.1");
        assertThat(new Bounce("a@x.example", true, null, "smtp; 550 unknown", null).detail()).isEqualTo("smtp; 550 unknown");
    }

    @Test
    void aMessageWithoutADeliveryStatusIsNotADsn() {
        String plain = "From: a@b.example\r\nSubject: hi\r\nContent-Type: text/plain\r\n\r\nhello\r\n";
        assertThatThrownBy(() -> DeliveryStatusReport.bounces(plain.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(DeliveryStatusReport.NotADsn.class).hasMessageContaining("delivery status notification");
    }
}
