package io.leadstream.jobs.segments;

import io.leadstream.jobs.points.UrlPattern;
import java.io.Serializable;

/**
 * What a behaviour filter counts: events of one kind ({@code any_event}, {@code page_hit},
 * {@code email_open}, {@code email_click}, {@code form_submit}, {@code asset_download}), about one
 * target (an email, form or asset id), or a page matching a URL pattern, or any; within a window
 * back from now, or ever. It is answered from the contact's behaviour summary, so a filter defined
 * today counts what the contact did before.
 */
public record BehaviorQuery(String kind, String target, UrlPattern url, Long windowMillis) implements Serializable {

    static BehaviorQuery of(FilterDef def, Long windowMillis) {
        String kind = def.behavior() == null ? "any_event" : def.behavior();
        String target = switch (kind) {
            case "email_open", "email_click" -> def.email();
            case "form_submit" -> def.form();
            case "asset_download" -> def.asset();
            default -> null;
        };
        UrlPattern url = "page_hit".equals(kind) && def.url() != null ? new UrlPattern(def.url()) : null;
        return new BehaviorQuery(kind, target, url, windowMillis);
    }
}
