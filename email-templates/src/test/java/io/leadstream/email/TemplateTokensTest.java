package io.leadstream.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.email.SignedTokens;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every token Mautic users write, rendered for one send in both bodies, with the site's texts and formats. */
class TemplateTokensTest {
    private static final Instant AT = Instant.parse("2026-12-03T23:30:00Z");
    private static final TokenSources SITE = new TokenSources() {
        @Override
        public String pageUrl(String pageId) {
            return pageId.equals("spring") ? "https://t.example/spring-offer" : null;
        }

        @Override
        public String assetUrl(String assetId) {
            return assetId.equals("pdf") ? "https://t.example/asset/pdf" : null;
        }

        @Override
        public String fieldType(String alias) {
            return Map.of("birthday", "date", "renewal", "datetime", "spend", "number").get(alias);
        }
    };
    private final TrackingLinks links = new TrackingLinks("https://t.example", new SignedTokens("0123456789abcdef0123456789abcdef"));

    private static EmailDefinition email(String subject, String html, String text) {
        return new EmailDefinition("email-7", "Spring sale", subject, html, text, "news@shop.example", "Shop & Co", EmailDefinition.MARKETING);
    }

    private RenderedEmail render(EmailDefinition email, EmailSettings settings) {
        return new EmailRenderer(links, settings, SITE).render(email, Map.of("firstname", "Ada", "birthday", "1990-04-07",
                "renewal", "2027-01-15T09:00:00Z", "spend", "12345.5", "timezone", "America/New_York"), "send-1", "contact-42", AT);
    }

    @Test
    void everyTokenInBothBodies() {
        String tokens = "{subject}|{contactfield=birthday}|{contactfield=renewal}|{contactfield=spend}|{date_now}|{pagelink=spring}"
                + "|{assetlink=pdf}|{pagelink=gone}|{assetlink=gone|none}|{signature}";
        RenderedEmail sent = render(email("Hi {contactfield=firstname} {subject}", "<p>" + tokens + "|{unsubscribe_text}|{webview_text}</p>",
                tokens + "|{unsubscribe_text}|{webview_text}|{unsubscribe_url}"), EmailSettings.DEFAULTS);

        assertThat(sent.subject()).as("{subject} inside the subject is empty").isEqualTo("Hi Ada ");
        String unsubscribe = sent.headers().get("List-Unsubscribe").replaceAll("[<>]", "");
        assertThat(sent.text()).isEqualTo("Hi Ada |April 7, 1990|January 15, 2027 04:00|12,345.5|December 3, 2026|https://t.example/spring-offer"
                + "|https://t.example/asset/pdf||none|Kind regards,\nShop & Co"
                + "|Unsubscribe to stop receiving these emails. " + unsubscribe
                + "|Trouble reading this email? Open it in your browser. " + links.webview("send-1", "email-7", "contact-42") + "|" + unsubscribe);
        assertThat(sent.html())
                .contains("<p>Hi Ada |April 7, 1990|January 15, 2027 04:00|12,345.5|December 3, 2026|")
                .contains("|Kind regards,<br>Shop &amp; Co|")
                .contains("<a href=\"" + unsubscribe + "\">Unsubscribe</a> to stop receiving these emails.")
                .as("the page and asset links are tracked like any link").doesNotContain("href=\"https://t.example/spring-offer\"");
    }

    @Test
    void theSiteSettingsDecideTextsAndFormats() {
        EmailSettings settings = EmailSettings.of(LeadStreamConfig.fromMap(Map.of("email.signature", "-- |FROM_NAME|",
                "email.date-format", "d MMMM yyyy", "email.locale", "de-DE", "email.timezone", "Asia/Tokyo",
                "email.unsubscribe-text", "<a href=\"|URL|\">Abmelden</a>")));
        RenderedEmail sent = render(email("x", "<p>x</p>", "{signature}|{date_now}|{contactfield=spend}|{unsubscribe_text}"), settings);
        assertThat(sent.text()).startsWith("-- Shop & Co|4 Dezember 2026|12.345,5|Abmelden https://t.example/email/unsubscribe/");
    }

    @Test
    void aBadSettingStopsTheStartNamingItsKey() {
        assertThatThrownBy(() -> EmailSettings.of(LeadStreamConfig.fromMap(Map.of("email.date-format", "yyyy-{{"))))
                .hasMessageStartingWith("email.date-format: not a date pattern");
        assertThatThrownBy(() -> EmailSettings.of(LeadStreamConfig.fromMap(Map.of("email.timezone", "Mars/Olympus"))))
                .hasMessageStartingWith("email.timezone: not a timezone");
    }
}
