package io.leadstream.jobs.contact;

import io.leadstream.common.email.SegmentSends;
import io.leadstream.jobs.ErasureTombstone;
import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.jobs.definitions.DefinitionsBroadcast;
import io.leadstream.jobs.segments.BackfillProgress;
import io.leadstream.jobs.segments.SegmentDefinitions;
import io.leadstream.schemas.codec.TrustedRecords;
import io.leadstream.schemas.engine.ContactHandover;
import io.leadstream.schemas.engine.MembershipChangeKind;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.profile.ContactProfile;
import java.time.Instant;
import java.util.BitSet;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contact processor: keyed by contact, one {@link ContactProfile} per contact in one state
 * value, and the definitions as broadcast state (second input). Each signal is one
 * {@link ContactRound} over the profile. One event-time timer per contact, at the earliest of its
 * next due campaign step, the next change of a time-dependent segment and, for an anonymous contact
 * with a time to live, its expiry.
 *
 * <p>An operator rather than a KeyedBroadcastProcessFunction because a segment definition that
 * changes is evaluated over every contact at once, and a contact that became time-dependent then
 * needs its timer set: only the operator's timer service can do that outside the key's own signals.
 */
public final class ContactOperator extends AbstractStreamOperator<SegmentMembershipChange>
        implements TwoInputStreamOperator<ContactSignal, DefinitionRecord, SegmentMembershipChange>, Triggerable<String, VoidNamespace> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ContactOperator.class);

    static {
        TrustedRecords.install(); // Avro records in Flink's serializers
    }

    /** A watermark this late means the input ended. */
    static final long END_OF_TIME = Long.MAX_VALUE - 1;

    static final ValueStateDescriptor<ContactProfile> PROFILE = new ValueStateDescriptor<>("profile", TypeInformation.of(ContactProfile.class));

    private final ProfileSettings settings;
    /** Definitions known before the first signal (a dry run has no definitions input to wait for). */
    private final Map<String, String> initialDefinitions;

    private transient ValueState<ContactProfile> profiles;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient BroadcastState<String, String> definitionState;
    private transient ContactDefinitions definitions;
    private transient OperatorOutputs outputs;
    private transient Counter evaluationCounter;
    private transient long evaluations;

    public ContactOperator(ProfileSettings settings, Map<String, String> initialDefinitions) {
        this.settings = settings;
        this.initialDefinitions = Map.copyOf(initialDefinitions);
    }

    @Override
    public void open() throws Exception {
        super.open();
        profiles = getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, PROFILE);
        timers = getInternalTimerService("contact-timers", VoidNamespaceSerializer.INSTANCE, this);
        definitionState = getOperatorStateBackend().getBroadcastState(DefinitionsBroadcast.STATE);
        if (!definitionState.iterator().hasNext()) {
            definitionState.putAll(initialDefinitions);
        }
        outputs = new OperatorOutputs(output);
        evaluationCounter = getMetricGroup().counter("segmentEvaluations");
    }

    /** Segment predicates evaluated so far by this subtask (tests read it; the metric is {@code segmentEvaluations}). */
    public long evaluations() {
        return evaluations;
    }

    @Override
    public void processElement1(StreamRecord<ContactSignal> record) throws Exception {
        ContactSignal signal = record.getValue();
        String key = (String) getCurrentKey();
        ContactProfile profile = profiles.value();
        long now = signal.time();
        outputs.at(now);
        if (ErasureTombstone.erasesContact(signal.event)) {
            if (profile != null && profile.getErasedAt() == null && profile.getMergedInto() == null) {
                definitions().webhooks().contactDeleted(key, signal.event.getEventId(), now, profile.getSegments().keySet(), outputs);
                ContactChanges.deleted(key, profile, now, signal.event.getEventId(), settings.changeStream(), outputs);
                ProfileCompanies.erased(key, profile, signal.event.getEventId(), now, outputs);
            }
            erase(profile, now);
            return;
        }
        if (profile != null && profile.getErasedAt() != null) {
            return; // an erased person: nothing of it comes back
        }
        if (signal.merge != null) {
            mergeAway(profile, key, signal, now);
            return;
        }
        if (signal.delivery != null) {
            definitions().webhooks().emailSent(key, profile, signal.delivery, outputs);
            return;
        }
        boolean fromCompany = signal.handover != null && signal.handover.getCompany() != null;
        if (fromCompany && (profile == null || profile.getMergedInto() != null)) {
            return; // no such contact, or merged away: its survivor asks its companies itself
        }
        if (profile != null && profile.getMergedInto() != null) {
            forward(signal, key, profile.getMergedInto());
            return;
        }
        if (profile == null) {
            profile = Profiles.empty();
        }
        ContactRound round = new ContactRound(definitions(), profile, key, now, outputs, settings);
        if (signal.event != null) {
            round.event(signal.event);
        } else if (signal.command != null) {
            round.command(signal.command);
        } else if (fromCompany) {
            round.company(signal.handover);
        } else if (signal.handover.getProfile() != null) {
            round.adopt(signal.handover.getFromContactId(), signal.handover.getProfile());
        } else if (signal.handover.getEvent() != null) {
            round.event(signal.handover.getEvent());
        } else if (signal.handover.getCommand() != null) {
            round.command(signal.handover.getCommand());
        }
        finish(round, profile);
    }

    @Override
    public void processElement2(StreamRecord<DefinitionRecord> record) throws Exception {
        DefinitionRecord definition = record.getValue();
        DefinitionsBroadcast.apply(definitionState, definition);
        definitions = null;
        if (SegmentDefinitions.KIND.equals(definition.kind)) {
            backfill(definition);
        } else if (SegmentSends.KIND.equals(definition.kind)) {
            startSegmentEmail(definition.id);
        }
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        long at = timer.getTimestamp();
        ContactProfile profile = profiles.value();
        if (profile == null || !Objects.equals(profile.getTimer(), at)) {
            return; // superseded by an earlier timer, or the contact is gone
        }
        profile.setTimer(null);
        outputs.at(at);
        if (expired(profile, at)) {
            drop(profile, timer.getKey(), at);
            return;
        }
        ContactRound round = new ContactRound(definitions(), profile, timer.getKey(), at, outputs, settings);
        round.time();
        finish(round, profile);
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {
        // no processing-time timers: every wait is in event time
    }

    private void finish(ContactRound round, ContactProfile profile) throws Exception {
        round.finish(timers.currentWatermark());
        schedule(profile);
        profiles.update(profile);
        evaluations += round.evaluations();
        evaluationCounter.inc(round.evaluations());
    }

    /**
     * Keeps the contact's one timer at or before its earliest instant. A timer that would move later
     * is left where it is: it fires, finds nothing due, and sets the next one, which spares a timer
     * deletion and registration on every event of a contact in a "last active" segment.
     */
    private void schedule(ContactProfile profile) {
        // At the end of input the watermark is the end of time: a segment's next instant would fire at once,
        // set the next, and so on for ever (a midnight every day). Only steps due, which end, still run.
        Long segments = timers.currentWatermark() >= END_OF_TIME ? null : profile.getSegmentTimer();
        Long desired = min(min(segments, profile.getCampaignTimer()), expiry(profile));
        Long registered = profile.getTimer();
        if (desired != null && (registered == null || desired < registered)) {
            if (registered != null) {
                timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, registered);
            }
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, desired);
            profile.setTimer(desired);
        }
    }

    /** When an anonymous contact would be dropped (set once, moved on only when it fires: no timer churn per event). */
    private Long expiry(ContactProfile profile) {
        if (settings.anonymousTtlMillis() <= 0 || profile.getIdentified() || profile.getLastSeen() == null) {
            profile.setExpiryTimer(null);
        } else if (profile.getExpiryTimer() == null) {
            profile.setExpiryTimer(profile.getLastSeen() + settings.anonymousTtlMillis());
        }
        return profile.getExpiryTimer();
    }

    private boolean expired(ContactProfile profile, long at) {
        if (profile.getExpiryTimer() == null || profile.getExpiryTimer() > at) {
            return false;
        }
        profile.setExpiryTimer(null); // set again from the latest sighting, unless it is dropped now
        return !profile.getIdentified() && settings.anonymousTtlMillis() > 0 && profile.getLastSeen() + settings.anonymousTtlMillis() <= at;
    }

    /** An anonymous contact not seen for the time to live: it leaves its segments and is forgotten, as Mautic deletes old anonymous contacts. */
    private void drop(ContactProfile profile, String key, long at) throws Exception {
        ProfileCompanies.erased(key, profile, "expired:" + at, at, outputs);
        for (String segment : profile.getSegments().keySet()) {
            outputs.segment(SegmentMembershipChange.newBuilder().setContactId(key).setSegmentId(segment).setEventTime(Instant.ofEpochMilli(at))
                    .setKind(MembershipChangeKind.LEFT).setManual(false).setReason("anonymous, not seen since " + Instant.ofEpochMilli(profile.getLastSeen()))
                    .setVersion(outputs.version()).build());
        }
        profiles.clear();
    }

    /** Forgets the person (GDPR): all of its state, but when it was erased. Its rows are deleted by the erasure itself. */
    private void erase(ContactProfile profile, long at) throws Exception {
        if (profile != null && profile.getTimer() != null) {
            timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, profile.getTimer());
        }
        ContactProfile tombstone = Profiles.empty();
        tombstone.setErasedAt(at);
        profiles.update(tombstone);
    }

    /** This key lost a merge: its profile goes to the survivor, and its later signals follow it there. */
    private void mergeAway(ContactProfile profile, String key, ContactSignal signal, long now) throws Exception {
        String survivor = signal.merge.getContactId();
        if (survivor.equals(key)) {
            return; // a self-merge (recorded before identity stopped making them) would hand the state to itself for ever
        }
        if (profile != null && profile.getMergedInto() != null) {
            profile.setMergedInto(survivor); // decided again (a late, earlier claim): later signals go to the new survivor
            profiles.update(profile);
            return;
        }
        if (profile != null) {
            ContactRound round = new ContactRound(definitions(), profile, key, now, outputs, settings);
            outputs.handover(round.handOver(survivor, signal.merge.getChangeId()));
            ContactChanges.mergedInto(key, profile, survivor, now, "merge:" + signal.merge.getChangeId(), settings.changeStream(), outputs);
            if (profile.getTimer() != null) {
                timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, profile.getTimer());
            }
        }
        ContactProfile alias = Profiles.empty();
        alias.setMergedInto(survivor);
        profiles.update(alias);
    }

    /** A signal that still carries a merged id: on to its survivor, through the handover topic. */
    private void forward(ContactSignal signal, String key, String survivor) {
        ContactHandover.Builder handover = ContactHandover.newBuilder().setFromContactId(key).setToContactId(survivor)
                .setEventTime(Instant.ofEpochMilli(signal.time()));
        if (signal.handover != null) {
            outputs.handover(ContactHandover.newBuilder(signal.handover).setToContactId(survivor).build()); // a chain of merges
        } else if (signal.event != null) {
            outputs.handover(handover.setHandoverId("event:" + signal.event.getEventId()).setEvent(signal.event).build());
        } else if (signal.command != null) {
            outputs.handover(handover.setHandoverId("command:" + signal.command.getCommandId()).setCommand(signal.command).build());
        }
    }

    /**
     * A segment was created, changed or deleted: every contact this subtask holds is evaluated again
     * for that segment and the segments that name it, from its profile (no scan of Cassandra, and
     * behaviour filters count the contact's history), at the watermark or the contact's latest
     * signal if later; its timer is set if the segment depends on time.
     */
    private void backfill(DefinitionRecord changed) throws Exception {
        ContactDefinitions defs = definitions();
        BitSet affected = defs.segments().affectedBy(changed.id);
        long watermark = timers.currentWatermark();
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        BackfillProgress progress = new BackfillProgress(changed.id, changed.revision, subtask,
                getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks(), System.currentTimeMillis());
        outputs.at(Math.max(0, watermark));
        outputs.progress(progress.at(0, null));
        long[] visited = {0};
        getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, PROFILE, (key, state) -> {
            ContactProfile profile = state.value();
            if (profile == null || profile.getMergedInto() != null || profile.getErasedAt() != null) {
                return;
            }
            long now = Math.max(watermark, profile.getLastSeen() == null ? watermark : profile.getLastSeen());
            outputs.at(now);
            ContactRound round = new ContactRound(defs, profile, (String) key, now, outputs, settings);
            round.definitionsChanged(affected);
            round.finish(watermark);
            schedule(profile); // the timer service registers under the key the backend iterates on
            state.update(profile);
            evaluations += round.evaluations();
            evaluationCounter.inc(round.evaluations());
            if (++visited[0] % BackfillProgress.PROGRESS_EVERY == 0) {
                outputs.progress(progress.at(visited[0], null));
            }
        });
        long finished = System.currentTimeMillis();
        outputs.progress(progress.at(visited[0], finished));
        LOG.info("Segment backfill for {} (revision {}) on subtask {}: {} contacts evaluated in {} ms",
                changed, changed.revision, subtask, visited[0], finished - progress.startedAt);
    }

    /**
     * A segment email's send was started (or its record written again): every contact this subtask holds
     * that is in one of its segments, has an address and was not queued it yet is queued it now, the
     * sends spread over the hours after the first due time when a rate per hour is asked (this
     * subtask's share of it). Contacts who join later are queued by their own rounds.
     */
    private void startSegmentEmail(String emailId) throws Exception {
        SegmentEmails.SegmentEmail email = definitions().segmentEmails().byEmail().get(emailId);
        long now = Math.max(timers.currentWatermark(), email == null ? 0 : email.startedAt());
        if (email == null || !email.openAt(now)) {
            return;
        }
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        long perHour = email.perHour() <= 0 ? 0 : Math.max(1, email.perHour() / parallelism);
        long first = email.firstDue(now);
        outputs.at(now);
        long[] queued = {0};
        getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, PROFILE, (key, state) -> {
            ContactProfile profile = state.value();
            if (profile == null || profile.getMergedInto() != null || profile.getErasedAt() != null || !SegmentEmails.addressed(profile)
                    || profile.getSegmentEmails().contains(emailId) || java.util.Collections.disjoint(profile.getSegments().keySet(), email.segments())) {
                return;
            }
            long due = perHour == 0 ? first : first + queued[0] / perHour * 3_600_000L;
            profile.getSegmentEmails().add(emailId);
            state.update(profile);
            outputs.send(SegmentEmails.command(email, (String) key, profile.getSegments().keySet(), due, now));
            queued[0]++;
        });
        LOG.info("Segment email {} started on subtask {}: {} contacts queued", emailId,
                getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), queued[0]);
    }

    private ContactDefinitions definitions() throws Exception {
        if (definitions == null) {
            definitions = ContactDefinitions.from(definitionState.immutableEntries());
        }
        return definitions;
    }

    private static Long min(Long a, Long b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Math.min(a, b);
    }
}
