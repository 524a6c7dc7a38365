package io.leadstream.jobs.contact;

import io.leadstream.schemas.engine.ContactChange;
import io.leadstream.schemas.profile.ContactProfile;
import io.leadstream.schemas.profile.FieldValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A round's record for the change stream (topic contact-changes): the contact's whole profile after
 * a change of its fields, tags, stage, companies, do-not-contact or identity, or a merge into it; what the round
 * changed besides. A round that changed only points, activity or memberships makes none: points have
 * their own topic (the later of the two by points sequence holds the score), and rounds of page hits
 * are most rounds. Whole profiles, so a reader needs only a contact's latest record, and a contact
 * that starts being streamed (identified, in the {@code identified} mode) starts with all of it.
 */
final class ContactChanges {
    private static final String EMAIL = "email";

    private final ContactProfile profile;
    private final List<String> tagsBefore;
    private final String stageBefore;
    private final boolean identifiedBefore;
    private final boolean blockedBefore;
    private final Set<String> companiesBefore;
    private final String primaryBefore;
    private boolean merged;
    private String cause;

    /** What the profile is before the round. */
    ContactChanges(ContactProfile profile) {
        this.profile = profile;
        this.tagsBefore = List.copyOf(profile.getTags());
        this.stageBefore = Profiles.viewStage(profile);
        this.identifiedBefore = profile.getIdentified();
        this.blockedBefore = profile.getDoNotContact().containsKey(EMAIL);
        // Most contacts are in no company: no copy for them on every round.
        this.companiesBefore = profile.getCompanies().isEmpty() ? Set.of() : Set.copyOf(profile.getCompanies().keySet());
        this.primaryBefore = profile.getPrimaryCompany();
    }

    /** Another contact's profile folded into this one. */
    void merged() {
        merged = true;
    }

    /** The id of what the round is for, or null (the clock). */
    String cause() {
        return cause;
    }

    /** The id of what the round is for (an event, a command, a merge); returns it. */
    String cause(String id) {
        cause = id;
        return id;
    }

    /** Emits the round's record, if any. */
    void emit(String contactId, long at, Map<String, String> changedFields, ProfileSettings.ChangeStream mode, RoundOutput out) {
        ContactChange change = after(contactId, at, changedFields, mode);
        if (change != null) {
            out.contactChange(change);
        }
    }

    /** The round's record, or null when it changed nothing the stream carries or the contact is not streamed. */
    ContactChange after(String contactId, long at, Map<String, String> changedFields, ProfileSettings.ChangeStream mode) {
        if (!streamed(profile.getIdentified(), mode)) {
            return null;
        }
        boolean blocked = profile.getDoNotContact().containsKey(EMAIL);
        boolean changed = merged || !changedFields.isEmpty() || !tagsBefore.equals(profile.getTags())
                || !Objects.equals(stageBefore, Profiles.viewStage(profile)) || identifiedBefore != profile.getIdentified() || blockedBefore != blocked
                || !companiesBefore.equals(profile.getCompanies().keySet()) || !Objects.equals(primaryBefore, profile.getPrimaryCompany());
        if (!changed) {
            return null;
        }
        Map<String, String> set = new TreeMap<>();
        List<String> cleared = new ArrayList<>();
        changedFields.forEach((name, value) -> {
            if (value.isEmpty()) {
                cleared.add(name);
            } else {
                set.put(name, value);
            }
        });
        Map<String, String> fields = new TreeMap<>();
        for (Map.Entry<String, FieldValue> f : profile.getFields().entrySet()) {
            fields.put(f.getKey(), f.getValue().getValue());
        }
        Set<String> added = new LinkedHashSet<>(profile.getTags());
        tagsBefore.forEach(added::remove);
        Set<String> removed = new LinkedHashSet<>(tagsBefore);
        profile.getTags().forEach(removed::remove);
        return ContactChange.newBuilder().setContactId(contactId).setEventTime(Instant.ofEpochMilli(at)).setCauseEventId(cause)
                .setSetFields(set).setClearedFields(cleared).setFields(fields)
                .setTagsAdded(new ArrayList<>(added)).setTagsRemoved(new ArrayList<>(removed)).setTags(new ArrayList<>(profile.getTags()))
                .setStage(Profiles.viewStage(profile)).setIdentified(profile.getIdentified()).setDoNotContact(blocked)
                .setPoints(profile.getPoints()).setPointsByGroup(new HashMap<>(profile.getGroupPoints())).setPointsSequence(profile.getPointsSequence())
                .setCompanies(new ArrayList<>(new TreeSet<>(profile.getCompanies().keySet()))).setPrimaryCompany(profile.getPrimaryCompany())
                .build();
    }

    /** The contact merged into {@code survivor}: it has no profile of its own any more. */
    static void mergedInto(String contactId, ContactProfile profile, String survivor, long at, String cause, ProfileSettings.ChangeStream mode,
                           RoundOutput out) {
        ended(contactId, profile, at, cause, mode, out, b -> b.setMergedInto(survivor));
    }

    /** The contact erased: its record says only that, and replaces its earlier ones when the topic is compacted. */
    static void deleted(String contactId, ContactProfile profile, long at, String cause, ProfileSettings.ChangeStream mode, RoundOutput out) {
        ended(contactId, profile, at, cause, mode, out, b -> b.setDeleted(true));
    }

    /** A streamed contact's last record: no profile, only how it ended. */
    private static void ended(String contactId, ContactProfile profile, long at, String cause, ProfileSettings.ChangeStream mode, RoundOutput out,
                              Consumer<ContactChange.Builder> how) {
        if (profile != null && streamed(profile.getIdentified(), mode)) {
            ContactChange.Builder end = ContactChange.newBuilder().setContactId(contactId).setEventTime(Instant.ofEpochMilli(at)).setCauseEventId(cause);
            how.accept(end);
            out.contactChange(end.build());
        }
    }

    private static boolean streamed(boolean identified, ProfileSettings.ChangeStream mode) {
        return mode == ProfileSettings.ChangeStream.ALL || mode == ProfileSettings.ChangeStream.IDENTIFIED && identified;
    }
}
