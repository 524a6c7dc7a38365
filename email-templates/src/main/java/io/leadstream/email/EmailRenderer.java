package io.leadstream.email;

import io.leadstream.common.email.TestSends;
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

    /**
     * What a contact would read, for an editor's preview: tokens filled in from {@code fields}, links
     * left as written (a click in a preview is nobody's click), no open pixel, and the unsubscribe
     * and web-view links pointing nowhere.
     */
    public static RenderedEmail preview(EmailDefinition email, Map<String, String> fields) {
        TemplateTokens tokens = new TemplateTokens(fields, "#unsubscribe", "#webview", "");
        return new RenderedEmail(tokens.text(email.subject()).replaceAll("[\\r\\n]+", " "), tokens.html(email.html()),
                tokens.text(email.text()), Map.of());
    }

    /**
     * A form's notification ({@link io.leadstream.common.email.FormNotifications}): the email as the
     * submitting contact would read it in a preview (nothing tracked), its {@code {formresults}} the
     * submitted values, with the send's own Message-ID.
     */
    public static RenderedEmail notification(EmailDefinition email, Map<String, String> fields, Map<String, String> results, String sendId) {
        TemplateTokens tokens = new TemplateTokens(fields, "#unsubscribe", "#webview", "", new java.util.TreeMap<>(results));
        return new RenderedEmail(tokens.text(email.subject()).replaceAll("[\\r\\n]+", " "), tokens.html(email.html()), tokens.text(email.text()),
                Map.of(EmailHeaders.MESSAGE_ID, EmailHeaders.messageId(sendId, email.from())));
    }

    /** An editor's test send ({@link TestSends}): the preview, its subject marked, with the send's own Message-ID. */
    public static RenderedEmail test(EmailDefinition email, Map<String, String> fields, String sendId) {
        RenderedEmail preview = preview(email, fields);
        return new RenderedEmail(TestSends.SUBJECT_PREFIX + preview.subject(), preview.html(), preview.text(),
                Map.of(EmailHeaders.MESSAGE_ID, EmailHeaders.messageId(sendId, email.from())));
    }
}
