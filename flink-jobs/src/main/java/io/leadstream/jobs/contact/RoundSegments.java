package io.leadstream.jobs.contact;

import io.leadstream.jobs.campaigns.CampaignRun;
import io.leadstream.jobs.segments.CompiledSegment;
import io.leadstream.jobs.segments.ContactFacts;
import io.leadstream.jobs.segments.Facts;
import io.leadstream.jobs.segments.SegmentDefinitions;
import io.leadstream.jobs.segments.SegmentRules;
import io.leadstream.schemas.engine.MembershipChangeKind;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.profile.ContactProfile;
import io.leadstream.schemas.profile.ManualMembership;
import io.leadstream.schemas.profile.SegmentMembership;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A round's segment work: the facts its signal changed and the segments marked for evaluation
 * whatever changed; {@link #settle} evaluates the segments that read them, pass after pass, until
 * nothing moves. Each entry and exit goes out, to global webhooks and to the campaigns it starts or
 * ends. Part of one {@link ContactRound}.
 */
final class RoundSegments {
    /** Segment changes that start campaigns whose actions change segments... stop after this many passes. */
    private static final int MAX_PASSES = 20;

    private final ContactDefinitions defs;
    private final ContactProfile profile;
    private final String contactId;
    private final RoundOutput out;
    private final CampaignRun campaigns;
    /** Facts changed since the last segment pass. */
    private final Set<String> changed = new HashSet<>();
    /** Segments to evaluate in the next pass whatever changed (set by hand, a merge, a definition, the clock). */
    private final BitSet dirty = new BitSet();
    private final BitSet evaluated = new BitSet();
    private int evaluations;

    /** {@code campaigns}: they hear of each entry and exit. */
    RoundSegments(ContactDefinitions defs, ContactProfile profile, String contactId, RoundOutput out, CampaignRun campaigns) {
        this.defs = defs;
        this.profile = profile;
        this.contactId = contactId;
        this.out = out;
        this.campaigns = campaigns;
    }

    /** Where the profile's parts name the facts they changed. */
    Set<String> changed() {
        return changed;
    }

    BitSet dirty() {
        return dirty;
    }

    BitSet evaluated() {
        return evaluated;
    }

    int evaluations() {
        return evaluations;
    }

    /** In ({@code member}) or out by hand, overriding the filters until reset. */
    void manual(String segmentId, boolean member, long at) {
        profile.getManual().put(segmentId, new ManualMembership(member, at));
        mark(segmentId);
    }

    /** Back to the filters. */
    void reset(String segmentId) {
        profile.getManual().remove(segmentId);
        mark(segmentId);
    }

    void mark(String segmentId) {
        int position = defs.segments().position(segmentId);
        if (position >= 0) {
            dirty.set(position);
        }
    }

    void mark(BitSet segments) {
        dirty.or(segments);
    }

    /** Leaves the segments no longer defined. */
    void leaveUndefined(long now) {
        for (String segment : new ArrayList<>(profile.getSegments().keySet())) {
            if (!defs.segments().contains(segment)) {
                change(segment, false, false, "segment removed", now);
            }
        }
    }

    /** Leaves every segment (merged away: the campaigns go with the profile, and hear nothing). */
    void leaveAll(String why, long now) {
        for (String segment : new ArrayList<>(profile.getSegments().keySet())) {
            profile.getSegments().remove(segment);
            segment(membership(segment, MembershipChangeKind.LEFT, false, why, now));
        }
    }

    /** Evaluates, pass after pass, the segments that read what changed, until nothing changes. */
    void settle(long now, String reason) {
        for (int pass = 0; pass < MAX_PASSES && (!changed.isEmpty() || !dirty.isEmpty()); pass++) {
            BitSet todo = (BitSet) dirty.clone();
            dirty.clear();
            defs.segments().readers(changed, todo);
            changed.clear();
            evaluate(todo, now, reason);
        }
    }

    /** In evaluation order, so a segment reads the memberships of the segments it names as decided in this pass. */
    private void evaluate(BitSet todo, long now, String reason) {
        SegmentDefinitions segments = defs.segments();
        ContactFacts facts = ProfileFacts.of(profile);
        BitSet dependents = new BitSet();
        for (int i = todo.nextSetBit(0); i >= 0; i = todo.nextSetBit(i + 1)) {
            CompiledSegment segment = segments.at(i);
            ManualMembership manual = profile.getManual().get(segment.id());
            boolean should;
            if (manual != null) {
                should = manual.getMember();
            } else {
                evaluations++;
                should = SegmentRules.matches(segment, facts, now);
            }
            evaluated.set(i);
            SegmentMembership current = profile.getSegments().get(segment.id());
            if (should == (current != null)) {
                if (current != null && current.getManual() != (manual != null)) {
                    current.setManual(manual != null);
                }
                continue;
            }
            change(segment.id(), should, manual != null, reason, now);
            dependents.clear();
            segments.readers(List.of(Facts.segment(segment.id())), dependents);
            for (int d = dependents.nextSetBit(0); d >= 0; d = dependents.nextSetBit(d + 1)) {
                (d > i ? todo : dirty).set(d); // a dependent placed before it (a cycle) waits for the next pass
            }
        }
    }

    private void change(String segmentId, boolean entered, boolean manual, String why, long now) {
        if (entered) {
            profile.getSegments().put(segmentId, new SegmentMembership(now, manual));
        } else {
            profile.getSegments().remove(segmentId);
        }
        segment(membership(segmentId, entered ? MembershipChangeKind.ENTERED : MembershipChangeKind.LEFT, manual, why, now));
        campaigns.segmentChanged(segmentId, entered, profile.getSegments(), now);
    }

    private void segment(SegmentMembershipChange change) {
        out.segment(change);
        defs.webhooks().segmentChanged(change, profile.getSegments().keySet(), out);
    }

    private SegmentMembershipChange membership(String segmentId, MembershipChangeKind kind, boolean manual, String why, long now) {
        return new SegmentMembershipChange(contactId, segmentId, Instant.ofEpochMilli(now), kind, manual, why, out.version());
    }
}
