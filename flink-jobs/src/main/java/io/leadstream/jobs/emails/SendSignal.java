package io.leadstream.jobs.emails;

import io.leadstream.common.email.FormNotifications;
import io.leadstream.common.email.SegmentSends;
import io.leadstream.common.email.TestSends;
import io.leadstream.schemas.engine.Channel;
import io.leadstream.schemas.engine.DeliveryResult;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.BounceKind;
import io.leadstream.schemas.event.EmailBounce;
import io.leadstream.schemas.event.EmailClick;
import io.leadstream.schemas.event.EmailOpen;
import io.leadstream.schemas.event.EmailUnsubscribe;
import io.leadstream.schemas.event.TrackingEvent;
import java.util.Optional;

/** Something that happened to one email send, from a worker's delivery result or a tracking event. A Flink POJO, keyed by send id. */
public class SendSignal {
    /** What happened. */
    public enum Kind { SENT, FAILED, HARD_BOUNCE, SOFT_BOUNCE, OPEN, CLICK, UNSUBSCRIBE, SUPPRESSED, QUEUED }

    public String sendId;
    public Kind kind;
    /**
     * Known from delivery results (all three) and tracking tokens (the email only). A result names the email
     * rendered (an A/B variant, a translation); tracking and the engine's own command name the one decided.
     */
    public String emailId;
    /** From a send worker's delivery result: its email is the one rendered, where the send counts. */
    public boolean rendered;
    /** Why a suppressed send was not sent (DeliveryResult's reason), else null. */
    public String reason;
    /** The segment a segment send went through (its command's attribute), else null. */
    public String segmentId;
    /** A click's link, else null. */
    public String url;
    public String campaignId;
    public String campaignEventId;

    public SendSignal() {}

    SendSignal(String sendId, Kind kind, String emailId, String campaignId, String campaignEventId) {
        this.sendId = sendId;
        this.kind = kind;
        this.emailId = emailId;
        this.campaignId = campaignId;
        this.campaignEventId = campaignEventId;
    }

    /** An email's delivery result; webhooks and deferrals count for nothing here. */
    static Optional<SendSignal> of(DeliveryResult r) {
        if (r.getChannel() != Channel.EMAIL) {
            return Optional.empty();
        }
        Kind kind = switch (r.getStatus()) {
            case SENT, UNCONFIRMED -> Kind.SENT;
            case FAILED, DEAD_LETTER, DISABLED -> Kind.FAILED;
            case BOUNCED_HARD -> Kind.HARD_BOUNCE;
            case BOUNCED_SOFT -> Kind.SOFT_BOUNCE;
            case SUPPRESSED -> Kind.SUPPRESSED;
            default -> null;
        };
        if (kind == null) {
            return Optional.empty();
        }
        SendSignal s = new SendSignal(r.getCommandId(), kind, r.getEmailId(), r.getCampaignId(), r.getCampaignEventId());
        s.rendered = true;
        s.reason = r.getReason();
        return Optional.of(s);
    }

    /** An email the engine decided to send; a test send or a form's notification counts in no stats. */
    static Optional<SendSignal> of(SendCommand c) {
        if (c.getChannel() != Channel.EMAIL || c.getEmailId() == null || TestSends.address(c.getAttributes()) != null
                || FormNotifications.address(c.getAttributes()) != null) {
            return Optional.empty();
        }
        SendSignal s = new SendSignal(c.getCommandId(), Kind.QUEUED, c.getEmailId(), c.getCampaignId(), c.getCampaignEventId());
        s.segmentId = c.getAttributes().get(SegmentSends.SEGMENT);
        return Optional.of(s);
    }

    /** An open (not a mail proxy's), click, unsubscribe or bounce that names its send. */
    static Optional<SendSignal> of(TrackingEvent e) {
        Object p = e.getPayload();
        if (p instanceof EmailOpen o && !o.getProxied()) {
            return Optional.of(new SendSignal(o.getSendId(), Kind.OPEN, o.getEmailId(), null, null));
        }
        if (p instanceof EmailClick c) {
            SendSignal s = new SendSignal(c.getSendId(), Kind.CLICK, c.getEmailId(), null, null);
            s.url = c.getUrl();
            return Optional.of(s);
        }
        if (p instanceof EmailUnsubscribe u) {
            return Optional.of(new SendSignal(u.getSendId(), Kind.UNSUBSCRIBE, u.getEmailId(), null, null));
        }
        if (p instanceof EmailBounce b && b.getSendId() != null) {
            return Optional.of(new SendSignal(b.getSendId(), b.getKind() == BounceKind.HARD ? Kind.HARD_BOUNCE : Kind.SOFT_BOUNCE, null, null, null));
        }
        return Optional.empty();
    }
}
