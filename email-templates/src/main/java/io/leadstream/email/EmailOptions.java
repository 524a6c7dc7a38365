package io.leadstream.email;

import io.leadstream.common.config.ConfigOption;
import io.leadstream.common.config.ModuleOptions;

/**
 * The site-wide texts and formats of an email's tokens, read wherever emails are rendered (send
 * workers, the gateway's web view and previews). {@code |URL|} and {@code |FROM_NAME|} are filled in
 * per send.
 */
public final class EmailOptions {
    private EmailOptions() {}

    public static final class Module implements ModuleOptions {
        @Override
        public Class<?> holder() {
            return EmailOptions.class;
        }
    }

    public static final ConfigOption<String> SIGNATURE = ConfigOption.key("email.signature")
            .stringType().defaultValue("Kind regards,<br>|FROM_NAME|")
            .withDescription("HTML for {signature}; |FROM_NAME| is the email's from name.");

    public static final ConfigOption<String> UNSUBSCRIBE_TEXT = ConfigOption.key("email.unsubscribe-text")
            .stringType().defaultValue("<a href=\"|URL|\">Unsubscribe</a> to stop receiving these emails.")
            .withDescription("HTML for {unsubscribe_text}; |URL| is the contact's unsubscribe link.");

    public static final ConfigOption<String> WEBVIEW_TEXT = ConfigOption.key("email.webview-text")
            .stringType().defaultValue("Trouble reading this email? <a href=\"|URL|\">Open it in your browser</a>.")
            .withDescription("HTML for {webview_text}; |URL| is the email's web view link.");

    public static final ConfigOption<String> DATE_FORMAT = ConfigOption.key("email.date-format")
            .stringType().defaultValue("MMMM d, yyyy")
            .withDescription("How {date_now} and date fields are written (java.time pattern).");

    public static final ConfigOption<String> DATETIME_FORMAT = ConfigOption.key("email.datetime-format")
            .stringType().defaultValue("MMMM d, yyyy HH:mm")
            .withDescription("How date-and-time fields are written (java.time pattern), in the contact's timezone field if set.");

    public static final ConfigOption<String> LOCALE = ConfigOption.key("email.locale")
            .stringType().defaultValue("en-US")
            .withDescription("Locale (BCP 47) of month names and number grouping in tokens.");

    public static final ConfigOption<String> TIMEZONE = ConfigOption.key("email.timezone")
            .stringType().defaultValue("UTC")
            .withDescription("Timezone of {date_now} and of date-and-time fields for contacts without a timezone.");
}
