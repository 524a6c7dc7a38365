package io.leadstream.email;

import io.leadstream.common.content.ContentRules;
import io.leadstream.common.email.TestSends;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a send worker does to an email before SMTP: personalizes subject and bodies for one
 * contact, tracks the HTML (signed click redirects, open pixel) and adds the unsubscribe and
 * Message-ID headers. Pure and deterministic: the same send at the same time renders the same bytes,
 * so a retry sends the same message.
 */
public final class EmailRenderer {
    private static final TemplateTokens.Links NOWHERE = new TemplateTokens.Links("#unsubscribe", "#webview", "");

    private final TrackingLinks links;
    private final EmailSettings settings;
    private final TokenSources sources;

    /** With the default texts and formats and no pages, assets or field types (tests). */
    public EmailRenderer(TrackingLinks links) {
        this(links, EmailSettings.DEFAULTS, TokenSources.NONE);
    }

    public EmailRenderer(TrackingLinks links, EmailSettings settings, TokenSources sources) {
        this.links = links;
        this.settings = settings;
        this.sources = sources;
    }

    /** {@link #render(EmailDefinition, Map, String, String, Instant)} at the epoch (tests without {@code {date_now}}). */
    public RenderedEmail render(EmailDefinition email, Map<String, String> fields, String sendId, String contactId) {
        return render(email, fields, sendId, contactId, Instant.EPOCH);
    }

    /** {@link #render(EmailDefinition, String, Map, Map, String, String, Instant)} tracked as itself, with each block's default content. */
    public RenderedEmail render(EmailDefinition email, Map<String, String> fields, String sendId, String contactId, Instant at) {
        return render(email, email.id(), fields, email.blocks(ContentRules.Contact.UNKNOWN), sendId, contactId, at);
    }

    /**
     * @param trackedAs the email the send was decided for, which its open, click and unsubscribe links name (a variant or
     *                translation counts for it); the web view names {@code email}, to show what was sent
     * @param fields  the contact's fields by alias (null: none)
     * @param blocks  each dynamic content block's content for the contact, by name ({@link EmailDefinition#blocks})
     * @param sendId  the send command's id; it goes into every token and the Message-ID
     * @param at      when the send is due: the day {@code {date_now}} writes, the same on a retry
     */
    public RenderedEmail render(EmailDefinition email, String trackedAs, Map<String, String> fields, Map<String, String> blocks, String sendId,
                                String contactId, Instant at) {
        String emailId = trackedAs;
        String unsubscribe = links.unsubscribe(sendId, emailId, contactId);
        String webview = links.webview(sendId, email.id(), contactId);
        String pixel = links.pixel(sendId, emailId, contactId);
        TemplateTokens tokens = new TemplateTokens(email.subject(), fields, blocks,
                new TemplateTokens.Links(unsubscribe, webview, HtmlTracking.pixel(pixel).outerHtml()), Map.of(), email.fromName(), at, settings,
                sources);
        String html = HtmlTracking.apply(tokens.html(email.html()),
                url -> links.click(sendId, emailId, contactId, url), pixel, Set.of(unsubscribe, webview));
        return new RenderedEmail(tokens.subject(), html, tokens.text(email.text()), EmailHeaders.of(unsubscribe, sendId, email.from()));
    }

    /**
     * What a contact would read, for an editor's preview: tokens filled in from {@code fields}, links
     * left as written (a click in a preview is nobody's click), no open pixel, and the unsubscribe
     * and web-view links pointing nowhere.
     */
    public RenderedEmail preview(EmailDefinition email, Map<String, String> fields, Instant at) {
        return untracked(email, fields, Map.of(), at, Map.of());
    }

    /** {@link #preview} with the default texts and formats, at the epoch. */
    public static RenderedEmail preview(EmailDefinition email, Map<String, String> fields) {
        return new EmailRenderer(null).preview(email, fields, Instant.EPOCH);
    }

    /**
     * A form's notification ({@link io.leadstream.common.email.FormNotifications}): the email as the
     * submitting contact would read it in a preview (nothing tracked), its {@code {formresults}} the
     * submitted values, with the send's own Message-ID.
     */
    public RenderedEmail notification(EmailDefinition email, Map<String, String> fields, Map<String, String> results, String sendId, Instant at) {
        return untracked(email, fields, new TreeMap<>(results), at,
                Map.of(EmailHeaders.MESSAGE_ID, EmailHeaders.messageId(sendId, email.from())));
    }

    /** An editor's test send ({@link TestSends}): the preview, its subject marked, with the send's own Message-ID. */
    public RenderedEmail test(EmailDefinition email, Map<String, String> fields, String sendId, Instant at) {
        RenderedEmail preview = preview(email, fields, at);
        return new RenderedEmail(TestSends.SUBJECT_PREFIX + preview.subject(), preview.html(), preview.text(),
                Map.of(EmailHeaders.MESSAGE_ID, EmailHeaders.messageId(sendId, email.from())));
    }

    private RenderedEmail untracked(EmailDefinition email, Map<String, String> fields, Map<String, String> results, Instant at,
                                    Map<String, String> headers) {
        TemplateTokens tokens = new TemplateTokens(email.subject(), fields, email.blocks(ContentRules.Contact.UNKNOWN), NOWHERE, results,
                email.fromName(), at, settings, sources);
        return new RenderedEmail(tokens.subject(), tokens.html(email.html()), tokens.text(email.text()), headers);
    }
}
