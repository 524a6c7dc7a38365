package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BounceReportTest {
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
        List<BounceReport.Bounce> bounces = BounceReport.fromDsn(DSN.getBytes(StandardCharsets.US_ASCII));
        assertThat(bounces).containsExactly(
                new BounceReport.Bounce("gone@example.com", true, "5.1.1",
                        "smtp; 550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown", "a1b2c3d4e5"),
                new BounceReport.Bounce("full@example.com", false, "4.2.2", "smtp; 452 4.2.2 Mailbox full", "a1b2c3d4e5"));
    }

    @Test
    void aMessageWithoutADeliveryStatusIsNotAReport() {
        String plain = "From: a@b.example\r\nSubject: hi\r\nContent-Type: text/plain\r\n\r\nhello\r\n";
        assertThatThrownBy(() -> BounceReport.fromDsn(plain.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(BounceReport.NotAReport.class).hasMessageContaining("delivery status notification");
    }

    @Test
    void jsonTakesAKindOrAStatusClass() throws Exception {
        List<BounceReport.Bounce> bounces = BounceReport.fromJson(new JsonArray()
                .add(new JsonObject().put("address", "a@example.com").put("kind", "hard").put("sendId", "s1"))
                .add(new JsonObject().put("address", "b@example.com").put("status", "4.4.1"))
                .add(new JsonObject().put("address", "c@example.com").put("status", "5.7.1").put("diagnostic", "blocked")));
        assertThat(bounces).extracting(b -> b.address() + " " + (b.hard() ? "hard" : "soft") + " " + b.sendId())
                .containsExactly("a@example.com hard s1", "b@example.com soft null", "c@example.com hard null");
    }

    @Test
    void jsonWithoutAnAddressOrAKindIsRefusedWithTheReason() {
        assertThatThrownBy(() -> BounceReport.fromJson(new JsonObject().put("kind", "hard")))
                .isInstanceOf(BounceReport.NotAReport.class).hasMessage("bounce 0: address is required");
        assertThatThrownBy(() -> BounceReport.fromJson(new JsonObject().put("address", "a@example.com")))
                .isInstanceOf(BounceReport.NotAReport.class).hasMessageContaining("kind (hard|soft) or a status");
        assertThatThrownBy(() -> BounceReport.fromJson(new JsonObject().put("address", "a@example.com").put("kind", "medium")))
                .isInstanceOf(BounceReport.NotAReport.class).hasMessageContaining("hard or soft");
    }
}
