package io.leadstream.jobs.campaigns;

import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.schemas.engine.CampaignOutcome;
import org.apache.flink.util.Collector;

/** A change to how often one event of a campaign had one outcome. A Flink POJO. */
public class CampaignOutcomeDelta {
    public String campaignId;
    public String eventId;
    public String outcome;
    public int delta;

    public CampaignOutcomeDelta() {}

    CampaignOutcomeDelta(String campaignId, String eventId, String outcome, int delta) {
        this.campaignId = campaignId;
        this.eventId = eventId;
        this.outcome = outcome;
        this.delta = delta;
    }

    /** A log entry counts once for its outcome; a suppressed send also takes back the EXECUTED its step was counted as. */
    public static void of(CampaignLogEntry e, Collector<CampaignOutcomeDelta> out) {
        out.collect(new CampaignOutcomeDelta(e.getCampaignId(), e.getCampaignEventId(), e.getOutcome().name(), 1));
        if (e.getOutcome() == CampaignOutcome.SUPPRESSED) {
            out.collect(new CampaignOutcomeDelta(e.getCampaignId(), e.getCampaignEventId(), CampaignOutcome.EXECUTED.name(), -1));
        }
    }

    public String key() {
        return campaignId + "\u001f" + eventId + "\u001f" + outcome;
    }
}
