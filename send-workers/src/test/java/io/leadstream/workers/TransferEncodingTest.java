package io.leadstream.workers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which bodies go as they are and which need quoted-printable. */
class TransferEncodingTest {
    @Test
    void asciiGoesAsItIsToAnyServer() {
        assertThat(TransferEncoding.of("<p>Hi Ann,</p>\r\n<p>see https://shop.example</p>", false)).isEqualTo("7bit");
        assertThat(TransferEncoding.of("", false)).isEqualTo("7bit");
    }

    @Test
    void otherTextGoesAsItIsOnlyToAServerThatTakes8BitMime() {
        assertThat(TransferEncoding.of("Unsubscribe · View online", true)).isEqualTo("8bit");
        assertThat(TransferEncoding.of("Unsubscribe · View online", false)).isEqualTo("quoted-printable");
        assertThat(TransferEncoding.of("Grüße 😀", true)).isEqualTo("8bit");
    }

    @Test
    void aLineLongerThan998OctetsNeedsQuotedPrintable() {
        assertThat(TransferEncoding.of("a".repeat(998), false)).isEqualTo("7bit");
        assertThat(TransferEncoding.of("a".repeat(999), true)).isEqualTo("quoted-printable");
        assertThat(TransferEncoding.of(("a".repeat(998) + "\r\n").repeat(3), false)).as("line ends reset the count").isEqualTo("7bit");
        assertThat(TransferEncoding.of("ü".repeat(499), true)).as("998 octets of UTF-8").isEqualTo("8bit");
        assertThat(TransferEncoding.of("ü".repeat(500), true)).as("1,000 octets of UTF-8").isEqualTo("quoted-printable");
        assertThat(TransferEncoding.of("€".repeat(333), true)).as("999 octets").isEqualTo("quoted-printable");
        assertThat(TransferEncoding.of("😀".repeat(249) + "ab", true)).as("996 + 2 octets").isEqualTo("8bit");
        assertThat(TransferEncoding.of("😀".repeat(250), true)).as("1,000 octets").isEqualTo("quoted-printable");
    }

    @Test
    void aNulNeedsQuotedPrintable() {
        assertThat(TransferEncoding.of("a\0b", true)).isEqualTo("quoted-printable");
    }
}
