package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SignedTokensTest {
    private final SignedTokens tokens = new SignedTokens("0123456789abcdef0123456789abcdef");

    @Test
    void signedTokensVerifyToTheirContent() {
        EmailToken click = EmailToken.click("s1", "e1", "c1", "https://shop.example/a?b=c");
        assertThat(tokens.verify(tokens.sign(click))).isEqualTo(click);
        EmailToken open = EmailToken.open("s1", "e1", "c1");
        assertThat(tokens.verify(tokens.sign(open))).isEqualTo(open);
    }

    @Test
    void anyChangedByteOrForeignKeyIsRejected() {
        String token = tokens.sign(EmailToken.click("s1", "e1", "c1", "https://shop.example/"));
        for (int i = 0; i < token.length(); i++) {
            char replacement = token.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = token.substring(0, i) + replacement + token.substring(i + 1);
            assertThat(tokens.verify(tampered)).as("byte %d changed", i).isNull();
        }
        String foreign = new SignedTokens("another-key-another-key-another-key").sign(EmailToken.open("s1", "e1", "c1"));
        assertThat(tokens.verify(foreign)).isNull();
        assertThat(tokens.verify("")).isNull();
        assertThat(tokens.verify("a.b.c")).isNull();
        assertThat(tokens.verify("x".repeat(10_000))).isNull();
    }

    @Test
    void clickTokensOnlyCarryHttpUrlsAndKeysMustBeLong() {
        assertThatThrownBy(() -> EmailToken.click("s", "e", "c", "javascript:alert(1)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignedTokens("short")).hasMessageContaining("32");
    }
}
