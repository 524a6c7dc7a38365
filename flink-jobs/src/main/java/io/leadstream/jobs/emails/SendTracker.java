package io.leadstream.jobs.emails;

import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by send id: keeps what is known of each send and emits, per scope it counts in (its email,
 * and its campaign event once known), the change each signal makes to that send's contribution.
 * So a repeated result or a second open of the same send moves "unique" counts by nothing, a hard
 * bounce takes the send out of "delivered", and signals arriving before the send's own result
 * (another topic) are counted for the campaign event when the result brings it. A send counts for the
 * email its worker rendered (an A/B variant, a translation) once its result says which, and until then
 * for the one decided. A segment send also counts for the segment it went through, and a click for its
 * link (unique: sends that clicked that link).
 */
public final class SendTracker extends KeyedProcessFunction<String, SendSignal, EmailStatsDelta> {
    /** Long past the time anyone opens an email; the state of a send then goes. */
    static final java.time.Duration KEEP = java.time.Duration.ofDays(180);

    private transient ValueState<SendFacts> facts;
    /** The links this send's contact clicked: a link's unique clicks count sends. */
    private transient MapState<String, Boolean> clicked;

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<SendFacts> descriptor = new ValueStateDescriptor<>("send", SendFacts.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(KEEP).build());
        facts = getRuntimeContext().getState(descriptor);
        MapStateDescriptor<String, Boolean> links = new MapStateDescriptor<>("clicked", Types.STRING, Types.BOOLEAN);
        links.enableTimeToLive(StateTtlConfig.newBuilder(KEEP).build());
        clicked = getRuntimeContext().getMapState(links);
    }

    @Override
    public void processElement(SendSignal s, Context ctx, Collector<EmailStatsDelta> out) throws Exception {
        SendFacts before = facts.value();
        SendFacts after = before == null ? new SendFacts() : before.copy();
        apply(after, s);
        facts.update(after);
        changes(before, after, out::collect);
        if (s.kind == SendSignal.Kind.CLICK && s.url != null && s.emailId != null) {
            EmailCounts link = new EmailCounts();
            link.clicks = 1;
            link.uniqueClicks = clicked.contains(s.url) ? 0 : 1;
            clicked.put(s.url, true);
            out.collect(EmailStatsDelta.link(s.emailId, s.url, link));
        }
    }

    static void apply(SendFacts f, SendSignal s) {
        if (f.emailId == null || s.rendered && s.emailId != null) {
            f.emailId = s.emailId; // the email rendered, once a worker says: a variant's or translation's sends count for it
        }
        if (f.segmentId == null) {
            f.segmentId = s.segmentId;
        }
        if (s.kind == SendSignal.Kind.SUPPRESSED && s.reason != null) {
            f.suppressedReason = s.reason;
        }
        if (f.campaignId == null && s.campaignId != null) {
            f.campaignId = s.campaignId;
            f.campaignEventId = s.campaignEventId;
        }
        switch (s.kind) {
            case SENT -> f.sent = true;
            case FAILED -> f.failed = true;
            case HARD_BOUNCE -> {
                f.bounced = true;
                f.hardBounced = true;
            }
            case SOFT_BOUNCE -> f.bounced = true;
            case OPEN -> f.opens++;
            case CLICK -> f.clicks++;
            case UNSUBSCRIBE -> f.unsubscribed = true;
            case SUPPRESSED -> f.suppressed = true;
            case QUEUED -> f.queued = true;
        }
    }

    /** The differences {@code after - before} per scope; a scope {@code before} did not know yet gets all of {@code after}. */
    static void changes(SendFacts before, SendFacts after, Consumer<EmailStatsDelta> out) {
        EmailCounts now = EmailCounts.of(after);
        EmailCounts was = before == null ? new EmailCounts() : EmailCounts.of(before);
        scoped(before == null ? null : before.emailId, after.emailId, was, now, id -> new EmailStatsDelta(id, null, null, null), out);
        if (after.segmentId != null) {
            String wasIn = before == null || before.segmentId == null ? null : before.emailId;
            scoped(wasIn, after.emailId, was, now, id -> EmailStatsDelta.segment(id, after.segmentId, null), out);
        }
        if (after.campaignId != null) {
            EmailCounts base = before == null || before.campaignId == null ? new EmailCounts() : was;
            emit(new EmailStatsDelta(after.emailId, after.campaignId, after.campaignEventId, now.plus(base, -1)), out);
        }
    }

    /**
     * An email's scope ({@code scope} makes it for an email id): the difference since {@code wasIn} counted {@code was}; when the send
     * moved from the email decided to the one rendered, all it counted goes with it.
     */
    private static void scoped(String wasIn, String nowIn, EmailCounts was, EmailCounts now, java.util.function.Function<String, EmailStatsDelta> scope,
                               Consumer<EmailStatsDelta> out) {
        if (nowIn == null) {
            return;
        }
        if (wasIn != null && !wasIn.equals(nowIn)) {
            emit(counted(scope.apply(wasIn), new EmailCounts().plus(was, -1)), out);
            emit(counted(scope.apply(nowIn), now), out);
        } else {
            emit(counted(scope.apply(nowIn), now.plus(wasIn == null ? new EmailCounts() : was, -1)), out);
        }
    }

    private static EmailStatsDelta counted(EmailStatsDelta d, EmailCounts counts) {
        d.counts = counts;
        return d;
    }

    private static void emit(EmailStatsDelta d, Consumer<EmailStatsDelta> out) {
        if (!d.counts.isZero()) {
            out.accept(d);
        }
    }
}
