package io.leadstream.jobs.campaigns;

import io.leadstream.schemas.contact.ContactActionEvents;
import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.schemas.engine.CampaignOutcome;
import io.leadstream.schemas.engine.Channel;
import io.leadstream.schemas.engine.DeliveryResult;
import io.leadstream.schemas.engine.DeliveryStatus;
import io.leadstream.schemas.event.TrackingEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Emails the send workers did not send on purpose (do not contact, frequency cap, once per contact,
 * no address, no such email), from their delivery results: a campaign's step is logged SUPPRESSED
 * with the reason, and no longer counts as executed ({@link CampaignOutcomeDelta}); every such send
 * is a row of the contact's timeline ({@code email_suppressed}). The engine decided the send; only
 * the worker, at the moment of sending, knows it did not go.
 */
public final class SuppressedSends {
    /** The timeline event's name. */
    public static final String NAME = "leadstream.email_suppressed";

    private SuppressedSends() {}

    /** What the suppressed sends among {@code results} make: campaign log entries and timeline events. */
    public record Output(DataStream<CampaignLogEntry> campaignLog, DataStream<TrackingEvent> timeline) {}

    static boolean suppressed(DeliveryResult r) {
        return r.getStatus() == DeliveryStatus.SUPPRESSED && r.getChannel() == Channel.EMAIL;
    }

    public static Output apply(DataStream<DeliveryResult> results) {
        DataStream<DeliveryResult> suppressed = results.filter(SuppressedSends::suppressed).name("suppressed-sends").uid("suppressed-sends");
        DataStream<CampaignLogEntry> log = suppressed.filter(r -> r.getCampaignId() != null && r.getCampaignEventId() != null)
                .name("suppressed-campaign-sends").uid("suppressed-campaign-sends")
                .map(SuppressedSends::logEntry, TypeInformation.of(CampaignLogEntry.class))
                .name("suppressed-campaign-log").uid("suppressed-campaign-log");
        DataStream<TrackingEvent> timeline = suppressed.map(SuppressedSends::timelineEvent, TypeInformation.of(TrackingEvent.class))
                .name("suppressed-timeline").uid("suppressed-timeline");
        return new Output(log, timeline);
    }

    static CampaignLogEntry logEntry(DeliveryResult r) {
        // The rotation is not in the result: the entry is keyed by time, event and outcome, so it stands apart anyway.
        return CampaignLogEntry.newBuilder().setCampaignId(r.getCampaignId()).setCampaignEventId(r.getCampaignEventId())
                .setContactId(r.getContactId()).setEventTime(r.getEventTime()).setOutcome(CampaignOutcome.SUPPRESSED)
                .setDetail(r.getDetail()).build();
    }

    static TrackingEvent timelineEvent(DeliveryResult r) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("send_id", r.getCommandId());
        if (r.getEmailId() != null) {
            properties.put("email_id", r.getEmailId());
        }
        properties.put("reason", r.getDetail() == null ? "" : r.getDetail());
        if (r.getCampaignId() != null) {
            properties.put("campaign_id", r.getCampaignId());
            properties.put("campaign_event_id", r.getCampaignEventId() == null ? "" : r.getCampaignEventId());
        }
        return ContactActionEvents.of("suppressed-" + r.getCommandId(), r.getContactId(), r.getEventTime().toEpochMilli(), NAME, properties,
                Map.of(), "a send not made: " + properties.get("reason"));
    }
}
