package io.leadstream.jobs.campaigns;

import io.leadstream.schemas.event.AssetDownload;
import io.leadstream.schemas.event.EmailClick;
import io.leadstream.schemas.event.EmailOpen;
import io.leadstream.schemas.event.FormSubmission;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.TrackingEvent;

/** Whether a contact's event meets a decision (or a goal, which is written the same way). */
final class Decisions {
    private Decisions() {}

    static boolean met(CampaignEvent decision, TrackingEvent event) {
        if (event.getContext() != null && !event.getContext().getTrackable()) {
            return false; // bots and do-not-track hits decide nothing
        }
        Object payload = event.getPayload();
        return switch (decision.kind()) {
            case "email_opened" -> payload instanceof EmailOpen o && !o.getProxied() && o.getEmailId().equals(decision.text("email"));
            case "email_clicked" -> payload instanceof EmailClick c && c.getEmailId().equals(decision.text("email"))
                    && (decision.url() == null || decision.url().matches(c.getUrl()));
            case "page_visited" -> payload instanceof PageHit p && decision.url() != null && decision.url().matches(p.getUrl());
            case "form_submitted" -> payload instanceof FormSubmission f && anyOrEqual(decision.text("form"), f.getFormId());
            case "asset_downloaded" -> payload instanceof AssetDownload a && anyOrEqual(decision.text("asset"), a.getAssetId());
            default -> false;
        };
    }

    private static boolean anyOrEqual(String wanted, String actual) {
        return wanted == null || wanted.equals(actual);
    }
}
