package io.leadstream.common.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SignedTokensTest {
    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private final SignedTokens tokens = new SignedTokens(KEY);

    @Test
    void signedTokensVerifyToTheirContent() {
        EmailToken click = EmailToken.click("s1", "e1", "c1", "https://shop.example/a?b=c");
        assertThat(tokens.verify(tokens.sign(click))).isEqualTo(click);
        EmailToken open = EmailToken.open("s1", "e1", "c1");
        assertThat(tokens.verify(tokens.sign(open))).isEqualTo(open);
        EmailToken unsubscribe = EmailToken.unsubscribe("s1", "e1", "c1");
        assertThat(tokens.verify(tokens.sign(unsubscribe))).isEqualTo(unsubscribe);
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
        assertThat(tokens.verify(null)).isNull();
        assertThat(tokens.verify("a.b.c")).isNull();
        assertThat(tokens.verify("x".repeat(10_000))).isNull();
    }

    @Test
    void clickTokensOnlyCarryHttpUrlsAndKeysMustBeLong() {
        assertThatThrownBy(() -> EmailToken.click("s", "e", "c", "javascript:alert(1)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignedTokens("short")).hasMessageContaining("32");
    }

    /**
     * Tokens already in sent emails must keep working: these were signed by the gateway's
     * Vert.x-JsonObject implementation before it moved here (same key, same tokens), and the new
     * code must both verify them and sign the same tokens byte for byte.
     */
    @Test
    void tokensSignedBeforeTheMoveStillVerifyAndAreSignedIdentically() {
        assertGolden(EmailToken.click("send-1", "email-7", "contact-42", "https://shop.example/sale?x=1&y=%C3%A9#top"),
                "eyJrIjoiY2xpY2siLCJzIjoic2VuZC0xIiwiZSI6ImVtYWlsLTciLCJjIjoiY29udGFjdC00MiIsInUiOiJodHRwczovL3Nob3AuZXhhbXBsZS9zYWxlP3g9MSZ5PSVDMyVBOSN0b3AifQ"
                        + ".qX5v4tDFNy9WB2QeZMEdCdXwCxtOhujpzmtIh-Jm5z0");
        assertGolden(EmailToken.open("send-1", "email-7", "contact-42"),
                "eyJrIjoib3BlbiIsInMiOiJzZW5kLTEiLCJlIjoiZW1haWwtNyIsImMiOiJjb250YWN0LTQyIn0"
                        + ".7CBEv_bqrZ_f17XTH1d5TfA6fBTk1SI2f2ujbP8bJmk");
        assertGolden(EmailToken.unsubscribe("send-1", "email-7", "contact-42"),
                "eyJrIjoidW5zdWJzY3JpYmUiLCJzIjoic2VuZC0xIiwiZSI6ImVtYWlsLTciLCJjIjoiY29udGFjdC00MiJ9"
                        + ".VPMHTsGAfXdc3nPlgZPB5974Aq1C_CLkcVoPHhyV77o");
        // Escaping must match too: quotes, backslash, control characters, U+2028, non-ASCII, emoji, "</".
        assertGolden(EmailToken.click("s\"\\\u0001\u2028é😀</script>", "e/1", "c\t\n", "http://x.example/ü?q=<a>&b='\"'"),
                "eyJrIjoiY2xpY2siLCJzIjoic1wiXFxcdTAwMDHigKjDqfCfmIA8L3NjcmlwdD4iLCJlIjoiZS8xIiwiYyI6ImNcdFxuIiwidSI6Imh0dHA6Ly94LmV4YW1wbGUvw7w_cT08YT4mYj0nXCInIn0"
                        + ".aLO_ifpDNV2lIdd4N-3f-xGn2UQsFoCpALNl5qTwxXw");
    }

    @Test
    void theSignedBodyKeepsKeyOrderKSECU() {
        String token = tokens.sign(EmailToken.click("s", "e", "c", "https://x.example/"));
        String body = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        assertThat(body).isEqualTo("{\"k\":\"click\",\"s\":\"s\",\"e\":\"e\",\"c\":\"c\",\"u\":\"https://x.example/\"}");
    }

    @Test
    void aValidSignatureOverSomethingThatIsNotATokenIsRejected() {
        // Signed with the right key but not a token body: the parser's failures must read as "invalid", not throw.
        for (String body : new String[] {"[]", "{\"k\":1,\"s\":\"s\",\"e\":\"e\",\"c\":\"c\"}", "{\"k\":\"open\"}", "{} x", "not json",
                "{\"k\":\"click\",\"s\":\"s\",\"e\":\"e\",\"c\":\"c\",\"u\":\"javascript:x\"}"}) {
            assertThat(tokens.verify(signRaw(body))).as(body).isNull();
        }
    }

    private void assertGolden(EmailToken token, String golden) {
        assertThat(tokens.verify(golden)).isEqualTo(token);
        assertThat(tokens.sign(token)).isEqualTo(golden);
    }

    private static String signRaw(String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
            return enc.encodeToString(bytes) + "." + enc.encodeToString(mac.doFinal(bytes));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
