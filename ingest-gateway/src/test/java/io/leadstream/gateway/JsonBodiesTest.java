package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each way a body is not a JSON object gets its own reason, not one catch-all. */
class JsonBodiesTest {

    private static String refusal(byte[] body) {
        try {
            JsonBodies.object(Buffer.buffer(body));
        } catch (JsonBodies.Refused e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + new String(body, StandardCharsets.ISO_8859_1));
    }

    private static String refusal(String body) {
        return refusal(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachCauseIsNamed() {
        assertThat(refusal("{\"threshold\": 1e400}")).isEqualTo("the number at /threshold is out of range: integers fit in 64 bits, decimals in a double");
        assertThat(refusal("{\"a\": [1, 99999999999999999999999]}")).startsWith("the number at /a/1 is out of range");
        assertThat(refusal("{\"a\":".repeat(100) + "1" + "}".repeat(100))).isEqualTo("the body nests deeper than 64 levels");
        assertThat(refusal(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'})).startsWith("the body is not UTF-8");
        assertThat(refusal("{\"a\": NaN}")).startsWith("the body is not JSON");
        assertThat(refusal("{\"a\": ")).startsWith("the body is not JSON").contains("line 1");
        assertThat(refusal("[1, 2]")).isEqualTo("the body is JSON but not an object: array");
        assertThat(refusal("")).startsWith("the body is empty");
    }

    @Test
    void aGoodBodyReadsAsItWasSent() throws Exception {
        assertThat(JsonBodies.object(Buffer.buffer("{\"name\": \"Café\", \"n\": [1, 2.5, -9223372036854775808], \"deep\": " + "[".repeat(60) + "]".repeat(60) + "}"))
                .encode()).isEqualTo("{\"name\":\"Café\",\"n\":[1,2.5,-9223372036854775808],\"deep\":" + "[".repeat(60) + "]".repeat(60) + "}");
    }
}
