package io.leadstream.jobs.contact;

import io.leadstream.jobs.campaigns.CampaignDefinitions;
import io.leadstream.jobs.points.PointsDefinitions;
import io.leadstream.jobs.segments.SegmentDefinitions;
import java.util.Map;

/**
 * Point actions and triggers, segments, campaigns, field defaults, form actions, global webhooks, stages and started segment emails,
 * compiled from the broadcast definitions once per change.
 */
record ContactDefinitions(PointsDefinitions points, SegmentDefinitions segments, CampaignDefinitions campaigns, FieldDefaults fields,
                          FormActions forms, GlobalWebhooks webhooks, StageDefinitions stages, SegmentEmails segmentEmails) {

    static ContactDefinitions from(Iterable<Map.Entry<String, String>> definitions) {
        return new ContactDefinitions(PointsDefinitions.from(definitions), SegmentDefinitions.from(definitions),
                CampaignDefinitions.from(definitions), FieldDefaults.from(definitions), FormActions.from(definitions),
                GlobalWebhooks.from(definitions), StageDefinitions.from(definitions), SegmentEmails.from(definitions));
    }
}
