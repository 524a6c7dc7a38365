package io.leadstream.launcher;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.gateway.definitions.CampaignDryRuns;
import io.leadstream.jobs.campaigns.CampaignDryRun;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A dry run's result as the API and the CLI's --json print it. */
final class DryRunJson {
    private DryRunJson() {}

    /**
     * Dry runs for the gateway's API: the campaign over the contact-events topic, on a Flink
     * environment of this process (a gateway alone has no engine; the one running here is local).
     */
    static CampaignDryRuns runner(LeadStreamConfig config) {
        return (campaign, until) -> of(CampaignDryRun.run(config, campaign.encode(), until));
    }

    static JsonObject of(CampaignDryRun.Result r) {
        JsonArray sends = new JsonArray();
        r.sends().forEach(s -> sends.add(new JsonObject().put("contact", s.contactId()).put("event", s.eventId())
                .put("send", s.what()).put("due", s.due().toString())));
        JsonObject stats = new JsonObject();
        r.stats().forEach((event, outcomes) -> stats.put(event.isEmpty() ? "campaign" : event, new JsonObject(new java.util.LinkedHashMap<>(outcomes))));
        return new JsonObject().put("campaign", r.campaignId()).put("dryRun", true).put("entered", r.entered())
                .put("sends", sends).put("stats", stats);
    }
}
