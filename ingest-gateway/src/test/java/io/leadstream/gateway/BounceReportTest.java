package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadstream.email.DeliveryStatusReport.Bounce;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The endpoint's reading of JSON bounces; DSNs are {@code DeliveryStatusReport}'s (email-templates), shared with the workers' bounce mailbox. */
class BounceReportTest {
    @Test
    void aMessageWithoutADeliveryStatusIsNotAReport() {
        String plain = "From: a@b.example\r\nSubject: hi\r\nContent-Type: text/plain\r\n\r\nhello\r\n";
        assertThatThrownBy(() -> BounceReport.fromDsn(plain.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(BounceReport.NotAReport.class).hasMessageContaining("delivery status notification");
    }

    @Test
    void jsonTakesAKindOrAStatusClass() throws Exception {
        List<Bounce> bounces = BounceReport.fromJson(new JsonArray()
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
