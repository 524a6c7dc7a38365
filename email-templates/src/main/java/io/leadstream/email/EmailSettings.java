package io.leadstream.email;

import io.leadstream.common.config.ConfigOption;
import io.leadstream.common.config.LeadStreamConfig;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.IllformedLocaleException;
import java.util.Locale;

/** {@link EmailOptions} read and checked once: a bad pattern, locale or zone stops the start, naming its key. */
public record EmailSettings(String signature, String unsubscribeText, String webviewText, DateTimeFormatter date,
                            DateTimeFormatter dateTime, Locale locale, ZoneId zone) {
    public static final EmailSettings DEFAULTS = of(LeadStreamConfig.empty());

    public static EmailSettings of(LeadStreamConfig config) {
        Locale locale = locale(config);
        return new EmailSettings(config.get(EmailOptions.SIGNATURE), config.get(EmailOptions.UNSUBSCRIBE_TEXT),
                config.get(EmailOptions.WEBVIEW_TEXT), pattern(config, EmailOptions.DATE_FORMAT, locale),
                pattern(config, EmailOptions.DATETIME_FORMAT, locale), locale, zone(config));
    }

    private static DateTimeFormatter pattern(LeadStreamConfig config, ConfigOption<String> option, Locale locale) {
        try {
            return DateTimeFormatter.ofPattern(config.get(option), locale);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option.key() + ": not a date pattern: " + e.getMessage(), e);
        }
    }

    private static Locale locale(LeadStreamConfig config) {
        try {
            return new Locale.Builder().setLanguageTag(config.get(EmailOptions.LOCALE)).build();
        } catch (IllformedLocaleException e) {
            throw new IllegalArgumentException(EmailOptions.LOCALE.key() + ": not a BCP 47 locale: " + e.getMessage(), e);
        }
    }

    private static ZoneId zone(LeadStreamConfig config) {
        try {
            return ZoneId.of(config.get(EmailOptions.TIMEZONE));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(EmailOptions.TIMEZONE.key() + ": not a timezone: " + e.getMessage(), e);
        }
    }
}
