package io.leadstream.jobs.contact;

import io.leadstream.jobs.campaigns.CampaignHost;
import io.leadstream.jobs.campaigns.CampaignRun;
import io.leadstream.jobs.identity.DoNotContact;
import io.leadstream.jobs.segments.ContactFacts;
import io.leadstream.schemas.contact.ContactActionEvents;
import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.schemas.engine.ContactHandover;
import io.leadstream.schemas.engine.ContactView;
import io.leadstream.schemas.engine.SegmentCommand;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.FormSubmission;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.schemas.profile.ContactProfile;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One signal's work on one contact's profile: its facts change, point actions score, triggers fire,
 * the segments that read a changed fact are evaluated again (and the segments that name those), and
 * campaigns move on; campaign and trigger actions change the same profile, which settles again, in
 * one step. Everything produced goes to a {@link RoundOutput}. Not thread-safe; one per signal.
 */
final class ContactRound implements CampaignHost {
    private final ContactDefinitions defs;
    private final ContactProfile profile;
    private final String contactId;
    private final RoundOutput out;
    private final ProfileSettings settings;
    private final CampaignRun campaigns;
    private final ProfileEdits edits;
    private final ProfilePoints points;
    private final ProfileStages stages;
    private final ContactChanges changes;
    private final ProfileCompanies companies;
    private final RoundSegments segments;
    private final SegmentClock clock;
    private boolean viewChanged;
    private long now;
    private String reason;

    ContactRound(ContactDefinitions defs, ContactProfile profile, String contactId, long now, RoundOutput out, ProfileSettings settings) {
        this.defs = defs;
        this.profile = profile;
        this.contactId = contactId;
        this.now = now;
        this.out = out;
        this.settings = settings;
        this.campaigns = new CampaignRun(defs.campaigns(), profile.getCampaigns(), contactId, this);
        this.segments = new RoundSegments(defs, profile, contactId, out, campaigns);
        Set<String> changed = segments.changed();
        this.edits = new ProfileEdits(defs, profile, settings, changed);
        this.points = new ProfilePoints(defs, profile, contactId, out, changed, this, campaigns);
        this.stages = new ProfileStages(defs, profile, contactId, out, changed);
        this.clock = new SegmentClock(defs, profile, settings, segments.evaluated(), segments.dirty());
        this.changes = new ContactChanges(profile);
        this.companies = new ProfileCompanies(profile, contactId, out, changed, settings.companies());
    }

    /** Segment predicates evaluated in this round: the cost the index keeps near the number of segments affected. */
    int evaluations() {
        return segments.evaluations();
    }

    // ---------------------------------------------------------------------------------------------
    // Signals

    /** One of the contact's events. */
    void event(TrackingEvent event) {
        reason = "event " + changes.cause(event.getEventId());
        catchUp(); // what fell due before this event happened first
        boolean isNew = profile.getFirstSeen() == null;
        if (isNew) {
            segments.mark(defs.segments().trueOnBlank()); // a new contact: those, and the segments reading what this event set
        }
        String zone = profile.getTimezone();
        edits.seen(now);
        viewChanged |= edits.event(event, now);
        if (isNew) {
            Map<String, String> defaults = edits.defaults();
            if (!defaults.isEmpty()) { // the store's view of the fields is written from events: these are one
                out.contactAction(ContactActionEvents.of(contactId + ":field-defaults", contactId, now, ContactActionEvents.FIELDS, Map.of(),
                        defaults, "field defaults"));
            }
        }
        String locale = edits.takeFilledLocale();
        if (locale != null) { // the store's view of the fields is written from events: this is one
            out.contactAction(ContactActionEvents.of(event.getEventId() + ":locale", contactId, now, ContactActionEvents.FIELDS, Map.of(),
                    Map.of(ProfileEdits.LOCALE_FIELD, locale), "locale from the browser's language"));
        }
        boolean reported = event.getContext() != null && event.getContext().getTimezone() != null;
        if (zone == null && profile.getTimezone() != null && !reported) { // worked out here from the browser's offset
            out.contactAction(ContactActionEvents.of(event.getEventId() + ":zone", contactId, now, ContactActionEvents.ZONE,
                    Map.of(ContactActionEvents.ZONE_NAME, profile.getTimezone()), Map.of(), "time zone from the browser's UTC offset"));
        }
        viewChanged |= points.score(event, now);
        campaigns.event(event, now);
        if (event.getPayload() instanceof FormSubmission form) {
            defs.forms().run(form, event.getEventId(), now, contactId, this, campaigns);
        }
        defs.webhooks().run(event, now, contactId, profile.getSegments().keySet(), out);
        viewChanged |= stages.byHand(event, now);
        campaigns.byHand(event, now);
    }

    /** Membership by hand, from the API or an import. */
    void command(SegmentCommand command) {
        reason = "by hand " + changes.cause(command.getCommandId());
        catchUp();
        switch (command.getAction()) {
            case ADD -> segments.manual(command.getSegmentId(), true, now);
            case REMOVE -> segments.manual(command.getSegmentId(), false, now);
            case RESET -> segments.reset(command.getSegmentId());
            default -> { }
        }
    }

    /** A company took the contact in, changed, or let it go (the company processor's message). */
    void company(ContactHandover message) {
        reason = "company " + message.getCompany().getCompanyId();
        changes.cause(message.getHandoverId());
        catchUp();
        companies.at(now);
        viewChanged |= companies.facts(message.getCompany(), message.getHandoverId());
    }

    /** The contact's timer: steps that fell due, segments whose answer changed with time. */
    void time() {
        reason = "time";
        catchUp();
    }

    /** A segment definition changed: the segments it can change are evaluated, memberships of segments gone are left. */
    void definitionsChanged(BitSet affected) {
        reason = "backfill";
        segments.leaveUndefined(now);
        segments.mark(affected);
    }

    /** A contact merged into this one: its profile folds into this one, and every segment is evaluated on the result. */
    void adopt(String loserId, ContactProfile loser) {
        if (loserId.equals(contactId) || profile.getMergedIds().contains(loserId)) {
            return; // handed over already
        }
        reason = "merged " + loserId;
        changes.cause("merge:" + loserId);
        catchUp();
        Map<String, Integer> before = new HashMap<>(profile.getGroupPoints());
        int totalBefore = profile.getPoints();
        ProfileMerge.fold(profile, loser, settings);
        profile.getMergedIds().add(loserId);
        changes.merged();
        defs.webhooks().contactMerged(contactId, loserId, now, profile.getSegments().keySet(), out);
        campaigns.adopt(loser.getCampaigns());
        String cause = "merge:" + loserId;
        points.checkTriggers(null, totalBefore, profile.getPoints(), cause, now);
        for (String group : new ArrayList<>(profile.getGroupPoints().keySet())) {
            points.checkTriggers(group, before.getOrDefault(group, 0), profile.getGroupPoints().get(group), cause, now);
        }
        stages.adopt(loser, cause, now);
        companies.at(now);
        companies.adopt(loserId, loser, cause);
        segments.mark(defs.segments().all());
        viewChanged = true;
    }

    /**
     * This contact lost a merge to {@code survivor}: it leaves every segment and campaign here, and
     * its whole profile goes to the survivor. The caller replaces the profile afterwards.
     */
    ContactHandover handOver(String survivor, String changeId) {
        String why = "merged into " + survivor;
        segments.leaveAll(why, now);
        campaigns.handOver(now, survivor);
        stages.handOver(changeId, now, why);
        return ContactHandover.newBuilder().setHandoverId("merge:" + changeId).setFromContactId(contactId).setToContactId(survivor)
                .setEventTime(Instant.ofEpochMilli(now)).setProfile(profile).build();
    }

    /**
     * Settles what the signal changed (segments and campaigns, until nothing moves), then catches up
     * with the watermark: steps due and time-dependent segments that change at or before it are run
     * now, each at its own instant, in time order. (A timer set for an instant the watermark has
     * passed would wait for the watermark's next move, which on a quiet stream, at a dry run's end or
     * after a merge handed state over late, is never.) Leaves the contact's next instants in its profile.
     */
    void finish(long watermark) {
        segments.settle(now, reason);
        defs.webhooks().contactUpdated(contactId, edits.changedFields(), now, profile.getSegments().keySet(), out);
        companies.at(now);
        companies.finish(edits.changedFields(), changes.cause() == null ? "time:" + now : changes.cause());
        changes.emit(contactId, now, edits.changedFields(), settings.changeStream(), out);
        advance(watermark);
        queueSegmentEmails();
        campaigns.dropUndefined();
        profile.setCampaignTimer(campaigns.nextDue());
        if (viewChanged) {
            out.view(new ContactView(contactId, out.version(), profile.getPoints(), new HashMap<>(profile.getGroupPoints()),
                    new ArrayList<>(profile.getTags()), Profiles.viewStage(profile), new ArrayList<>(profile.getCompanies().keySet()),
                    companies.viewPrimary()));
        }
    }

    /** A contact in a started segment email's segments gets it once, when it first is (and has an address) until the send is closed. */
    private void queueSegmentEmails() {
        if (!SegmentEmails.addressed(profile)) {
            return;
        }
        for (SegmentEmails.SegmentEmail e : defs.segmentEmails().owed(profile.getSegments().keySet(), profile.getSegmentEmails(), now)) {
            profile.getSegmentEmails().add(e.emailId());
            out.send(SegmentEmails.command(e, contactId, profile.getSegments().keySet(), e.firstDue(now), now));
        }
    }

    /** Before a signal: what fell due up to its time runs first, then the signal at its own time. */
    private void catchUp() {
        long at = now;
        advance(at);
        now = at;
    }

    /**
     * Runs what falls due up to {@code until}: campaign steps and time-dependent segments, each at its
     * own instant, in time order. At the end of input ({@code until} is the end of time), segments are
     * not run on for ever (a midnight every day): only steps, which end.
     */
    private void advance(long until) {
        boolean onTheClock = until < ContactOperator.END_OF_TIME;
        while (true) {
            clock.refresh(now);
            Long due = campaigns.nextDue();
            Long change = onTheClock ? profile.getSegmentTimer() : null;
            Long next = due == null ? change : change == null ? due : Long.valueOf(Math.min(due, change));
            if (next == null || next > until) {
                return;
            }
            now = next; // each step at its own instant, also when catching up before a later signal
            if (due != null && due <= next) {
                campaigns.due(next);
            }
            if (change != null && change <= next) {
                clock.moved(now);
            }
            segments.settle(now, reason);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // What campaigns (and trigger actions) do to the contact

    @Override
    public ContactFacts facts(ZoneId zone) {
        return new ProfileFacts(profile, zone);
    }

    @Override
    public Map<String, String> formValues(String formId) {
        Map<String, String> values = formId == null ? null : profile.getForms().get(formId);
        return values == null ? Map.of() : values;
    }

    @Override
    public ZoneId zone(ZoneId fallback) {
        return ProfileFacts.zone(profile, fallback);
    }

    @Override
    public void log(CampaignLogEntry entry) {
        out.log(entry);
        defs.webhooks().campaignLogged(entry, profile.getSegments().keySet(), out);
    }

    @Override
    public void send(SendCommand command) {
        out.send(command);
    }

    @Override
    public void segment(String segmentId, boolean member, String actionId, long at, String cause) {
        segments.manual(segmentId, member, at);
    }

    @Override
    public void tags(List<String> tags, boolean add, String actionId, long at, String cause) {
        viewChanged |= edits.applyTags(tags, add);
        out.contactAction(ContactActionEvents.of(actionId, contactId, at, ContactActionEvents.TAGS,
                Map.of(add ? ContactActionEvents.TAGS_ADD : ContactActionEvents.TAGS_REMOVE, String.join(",", tags)), Map.of(), cause));
    }

    @Override
    public void field(String name, String value, String actionId, long at, String cause) {
        edits.setField(name, value, at, true);
        out.contactAction(ContactActionEvents.of(actionId, contactId, at, ContactActionEvents.FIELDS, Map.of(), Map.of(name, value), cause));
    }

    @Override
    public void points(int delta, String group, String actionId, long at, String cause) {
        // The log's actionId says what caused the change ("campaign c/e"); its causeEventId is this action's own id.
        points.adjust(group, delta, /* actionId= */ cause, /* causeEventId= */ actionId, now);
        viewChanged = true;
    }

    @Override
    public void stage(String stageId, boolean forwardOnly, String actionId, long at, String cause) {
        viewChanged |= stages.move(stageId, forwardOnly, actionId, at, cause);
    }

    @Override
    public void company(String companyId, String actionId, long at) {
        companies.at(at);
        companies.join(companyId, actionId);
    }

    @Override
    public void companyScore(int points, String actionId, long at) {
        companies.at(at);
        companies.score(points, actionId);
    }

    @Override
    public void doNotContact(boolean dnc, String actionId, long at, String cause) {
        edits.doNotContact(new DoNotContact(dnc, DoNotContact.MANUAL, cause), now);
        out.contactAction(ContactActionEvents.of(actionId, contactId, at, ContactActionEvents.DNC,
                Map.of(ContactActionEvents.DNC_VALUE, Boolean.toString(dnc)), Map.of(), cause));
    }
}
