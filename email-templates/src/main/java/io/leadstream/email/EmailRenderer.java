package io.leadstream.email;

import java.util.Map;
import java.util.Set;

/**
 * What a send worker does to an email before SMTP: personalizes subject and bodies for one
 * contact, tracks the HTML (signed click redirects, open pixel) and adds the unsubscribe and
 * Message-ID headers. Pure and deterministic: the same send renders the same bytes, so a retry
 * sends the same message.
 */
public final class EmailRenderer {
    private final TrackingLinks links;

    public EmailRenderer(TrackingLinks links) {
        this.links = links;
    }

    /**
     * @param fields  the contact's fields by alias (null: none)
     * @param sendId  the send command's id; it goes into every token and the Message-ID
     */
    public RenderedEmail render(EmailDefinition email, Map<String, String> fields, String sendId, String contactId) {
        String emailId = email.id();
        String unsubscribe = links.unsubscribe(sendId, emailId, contactId);
        String webview = links.webview(sendId, emailId, contactId);
        String pixel = links.pixel(sendId, emailId, contactId);
        TemplateTokens tokens = new TemplateTokens(fields, unsubscribe, webview, HtmlTracking.pixel(pixel).outerHtml());

        String html = HtmlTracking.apply(tokens.html(email.html()),
                url -> links.click(sendId, emailId, contactId, url), pixel, Set.of(unsubscribe, webview));
        String text = tokens.text(email.text());
        // A field value with a line break must not start a new header line (header injection).
        String subject = tokens.text(email.subject()).replaceAll("[\\r\\n]+", " ");
        return new RenderedEmail(subject, html, text, EmailHeaders.of(unsubscribe, sendId, email.from()));
    }
}
