package io.leadstream.jobs.contact;

import io.leadstream.jobs.identity.DoNotContact;
import io.leadstream.jobs.points.ScoredEvent;
import io.leadstream.jobs.segments.Facts;
import io.leadstream.schemas.contact.ContactActionEvents;
import io.leadstream.schemas.event.FormSubmission;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.schemas.profile.ContactProfile;
import io.leadstream.schemas.profile.DoNotContactEntry;
import io.leadstream.schemas.profile.FieldValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The facts a round writes into a contact's profile (seen, activity, zone, fields, do-not-contact,
 * tags, forms, behaviour), each noting in {@code changed} the fact it changed, for the segment index.
 */
final class ProfileEdits {
    private final ContactDefinitions defs;
    private final ContactProfile profile;
    private final ProfileSettings settings;
    private final Set<String> changed;
    /** The fields this round changed, by name, as they are now ("" when cleared): a contact_updated webhook's data. */
    private final Map<String, String> changedFields = new TreeMap<>();

    ProfileEdits(ContactDefinitions defs, ContactProfile profile, ProfileSettings settings, Set<String> changed) {
        this.defs = defs;
        this.profile = profile;
        this.settings = settings;
        this.changed = changed;
    }

    /** The contact was seen at {@code now}. */
    void seen(long now) {
        if (profile.getFirstSeen() == null || profile.getFirstSeen() > now) {
            profile.setFirstSeen(now);
        }
        if (profile.getLastSeen() == null || profile.getLastSeen() < now) {
            profile.setLastSeen(now);
        }
    }

    /** The standard field the browser's language fills. */
    static final String LOCALE_FIELD = "preferred_locale";
    private String filledLocale;

    /** The locale the last event filled in from the browser's language (once), or null. */
    String takeFilledLocale() {
        String l = filledLocale;
        filledLocale = null;
        return l;
    }

    /** What one of the contact's events tells about it, at {@code now}; true when its tags changed (the view shows them). */
    boolean event(TrackingEvent event, long now) {
        boolean tagsChanged = false;
        boolean trackable = event.getContext() == null || event.getContext().getTrackable();
        if (trackable && (profile.getLastActive() == null || profile.getLastActive() < now)) {
            profile.setLastActive(now);
            changed.add(Facts.ACTIVE);
        }
        String zone = event.getContext() == null ? null : event.getContext().getTimezone();
        Integer offset = event.getContext() == null ? null : event.getContext().getTimezoneOffset();
        if (zone == null && offset != null && profile.getTimezone() == null) {
            zone = OffsetZones.name(offset); // a browser's offset stands in only while no zone is known
        }
        if (zone != null && !zone.equals(profile.getTimezone())) {
            profile.setTimezone(zone);
            changed.add(Facts.ZONE);
        }
        String locale = event.getContext() == null ? null : event.getContext().getPreferredLocale();
        // The browser's language stands in only while no locale is known, nor given by the event itself.
        if (locale != null && !profile.getFields().containsKey(LOCALE_FIELD) && !event.getFields().containsKey(LOCALE_FIELD)) {
            setField(LOCALE_FIELD, locale, now, false);
            filledLocale = locale;
        }
        // Changes made to the contact (not by it) may clear a field; its own events only ever set one.
        boolean madeToIt = event.getSource() == Source.ENGINE || event.getSource() == Source.API;
        for (Map.Entry<String, String> f : event.getFields().entrySet()) {
            setField(f.getKey(), f.getValue(), now, madeToIt);
        }
        if (!profile.getIdentified() && settings.identifiers().identifies(event)) {
            profile.setIdentified(true);
        }
        DoNotContact.of(event).ifPresent(d -> doNotContact(d, now));
        if (event.getPayload() instanceof FormSubmission form) {
            profile.getForms().put(form.getFormId(), new HashMap<>(form.getValues()));
        }
        Map<String, String> tags = ContactActionEvents.properties(event, ContactActionEvents.TAGS);
        if (tags != null) {
            tagsChanged |= applyTags(ContactActionEvents.list(tags.get(ContactActionEvents.TAGS_ADD)), true);
            tagsChanged |= applyTags(ContactActionEvents.list(tags.get(ContactActionEvents.TAGS_REMOVE)), false);
        }
        behaviorFacts(BehaviorSummary.record(profile.getBehavior(), event, now, settings));
        return tagsChanged;
    }

    /** The behaviour facts an event changed: any event; its kind; its target, or for a page hit each URL pattern it matches. */
    private void behaviorFacts(ScoredEvent counted) {
        if (counted == null) {
            return;
        }
        changed.add(Facts.behavior(BehaviorSummary.ANY_EVENT));
        if (counted.type().equals(BehaviorSummary.ANY_EVENT)) {
            return;
        }
        changed.add(Facts.behavior(counted.type()));
        if ("page_hit".equals(counted.type())) {
            defs.segments().pageHitFacts(counted.target(), changed);
        } else if (counted.target() != null) {
            changed.add(Facts.behavior(counted.type(), counted.target()));
        }
    }

    /**
     * A new contact's start: the fields' default values it was not given, set at time 0 so that any
     * value it gets is newer and wins; returns them.
     */
    Map<String, String> defaults() {
        Map<String, String> given = new java.util.TreeMap<>();
        defs.fields().byField().forEach((field, value) -> {
            if (!profile.getFields().containsKey(field)) {
                setField(field, value, 0L, false);
                given.put(field, value);
            }
        });
        return given;
    }

    /** The fields this round changed, and their values now ("" when cleared). */
    Map<String, String> changedFields() {
        return changedFields;
    }

    /** The newest value by event time wins; an empty value clears the field only when {@code clears}. */
    void setField(String name, String value, long time, boolean clears) {
        FieldValue current = profile.getFields().get(name);
        if (current != null && current.getTime() > time) {
            return;
        }
        if (value == null || value.isBlank()) {
            if (clears && current != null) {
                profile.getFields().remove(name);
                changed.add(Facts.field(name));
                changedFields.put(name, "");
            }
            return;
        }
        String stripped = value.strip();
        if (current == null || !current.getValue().equals(stripped)) {
            changed.add(Facts.field(name));
            changedFields.put(name, stripped);
        }
        profile.getFields().put(name, new FieldValue(stripped, time));
    }

    void doNotContact(DoNotContact d, long now) {
        String channel = "email";
        if (!d.dnc()) {
            if (profile.getDoNotContact().remove(channel) != null) {
                changed.add(Facts.DO_NOT_CONTACT);
            }
            return;
        }
        DoNotContactEntry entry = new DoNotContactEntry(d.kind(), d.reason() == null ? "" : d.reason(), now);
        DoNotContactEntry current = profile.getDoNotContact().get(channel);
        profile.getDoNotContact().put(channel, current == null ? entry : Profiles.stricter(current, entry));
        if (current == null) {
            changed.add(Facts.DO_NOT_CONTACT);
        }
    }

    /** True when the tags changed. */
    boolean applyTags(List<String> tags, boolean add) {
        boolean any = false;
        for (String tag : tags) {
            if (add ? Profiles.addTag(profile, tag) : Profiles.removeTag(profile, tag)) {
                changed.add(Facts.TAGS);
                any = true;
            }
        }
        return any;
    }
}
