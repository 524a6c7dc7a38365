package io.leadstream.gateway.emails;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A start's body: both options optional, each refusal with its own reason. */
class SegmentSendOptionsTest {

    private static SegmentSendOptions parsed(String body) throws SegmentSendOptions.Refused {
        return SegmentSendOptions.parse(body == null ? null : Buffer.buffer(body));
    }

    private static String refusal(String body) {
        try {
            throw new AssertionError("accepted: " + SegmentSendOptions.parse(Buffer.buffer(body)));
        } catch (SegmentSendOptions.Refused e) {
            return e.getMessage();
        }
    }

    @Test
    void noBodyOrAnEmptyObjectStartsAtOnceWithoutALimit() throws Exception {
        assertThat(parsed(null)).isEqualTo(SegmentSendOptions.NOW);
        assertThat(parsed("")).isEqualTo(SegmentSendOptions.NOW);
        assertThat(parsed("{}")).isEqualTo(SegmentSendOptions.NOW);
        assertThat(parsed("{\"sendAt\": null, \"perHour\": null}")).isEqualTo(SegmentSendOptions.NOW);
    }

    @Test
    void sendAtIsAnInstantAndPerHourAPositiveWholeNumber() throws Exception {
        assertThat(parsed("{\"sendAt\": \"2026-12-24T09:00:00Z\", \"perHour\": 500}"))
                .isEqualTo(new SegmentSendOptions(Instant.parse("2026-12-24T09:00:00Z"), 500));
        assertThat(parsed("{\"sendAt\": \"2026-12-24T10:00:00+01:00\"}").sendAt()).as("an offset is the same instant")
                .isEqualTo(Instant.parse("2026-12-24T09:00:00Z"));
        assertThat(parsed("{\"perHour\": 1}").perHour()).isEqualTo(1);
        assertThat(parsed("{\"perHour\": 2147483647}").perHour()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void eachBadBodyIsRefusedWithItsReason() {
        assertThat(refusal("[1]")).isEqualTo("the body is JSON but not an object: array");
        assertThat(refusal("{\"sendAt\": ")).startsWith("the body is not JSON");
        assertThat(refusal("{\"sendAt\": \"tomorrow\"}")).startsWith("sendAt: an ISO-8601 instant").endsWith("not \"tomorrow\"");
        assertThat(refusal("{\"sendAt\": \"2026-12-24\"}")).as("a day is no instant").startsWith("sendAt: an ISO-8601 instant");
        assertThat(refusal("{\"sendAt\": 1766566800}")).startsWith("sendAt: an ISO-8601 instant");
        assertThat(refusal("{\"perHour\": 0}")).isEqualTo("perHour: a whole number of emails per hour, 1 or more, not 0");
        assertThat(refusal("{\"perHour\": -5}")).endsWith("not -5");
        assertThat(refusal("{\"perHour\": 2.5}")).endsWith("not 2.5");
        assertThat(refusal("{\"perHour\": \"100\"}")).endsWith("not \"100\"");
        assertThat(refusal("{\"perHour\": 2147483648}")).startsWith("perHour: a whole number");
        assertThat(refusal("{\"per_hour\": 100}")).isEqualTo("unknown field per_hour: the body may give sendAt and perHour only");
    }
}
