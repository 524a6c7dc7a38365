package io.leadstream.jobs.points;

import io.leadstream.schemas.event.AssetDownload;
import io.leadstream.schemas.event.EmailClick;
import io.leadstream.schemas.event.EmailOpen;
import io.leadstream.schemas.event.FormSubmission;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.TrackingEvent;

/** What a point action can match in an event: its action type and the URL, email, form or asset it is about. */
public record ScoredEvent(String type, String target) {

    /** Null when no point action applies: other event kinds, bots and opens by mail proxies or prefetchers. */
    public static ScoredEvent of(TrackingEvent event) {
        if (event.getContext() != null && !event.getContext().getTrackable()) {
            return null;
        }
        Object payload = event.getPayload();
        if (payload instanceof PageHit hit) {
            return new ScoredEvent("page_hit", hit.getUrl());
        } else if (payload instanceof EmailOpen open) {
            return open.getProxied() ? null : new ScoredEvent("email_open", open.getEmailId());
        } else if (payload instanceof EmailClick click) {
            return new ScoredEvent("email_click", click.getEmailId());
        } else if (payload instanceof FormSubmission form) {
            return new ScoredEvent("form_submit", form.getFormId());
        } else if (payload instanceof AssetDownload asset) {
            return new ScoredEvent("asset_download", asset.getAssetId());
        }
        return null;
    }

    /** Whether this event is about the given page pattern, email, form or asset (null: any). */
    public boolean about(UrlPattern url, String email, String form, String asset) {
        return switch (type) {
            case "page_hit" -> url == null || url.matches(target);
            case "email_open", "email_click" -> email == null || email.equals(target);
            case "form_submit" -> form == null || form.equals(target);
            case "asset_download" -> asset == null || asset.equals(target);
            default -> false;
        };
    }
}
