package io.leadstream.jobs.contact;

import io.leadstream.jobs.segments.BehaviorQuery;
import io.leadstream.jobs.segments.ContactFacts;
import io.leadstream.schemas.profile.CompanyLink;
import io.leadstream.schemas.profile.ContactProfile;
import io.leadstream.schemas.profile.FieldValue;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The facts segment filters and campaign conditions read, straight from the contact's profile. */
final class ProfileFacts implements ContactFacts {
    private final ContactProfile profile;
    private final ZoneId zone;

    ProfileFacts(ContactProfile profile, ZoneId zone) {
        this.profile = profile;
        this.zone = zone;
    }

    /** The facts in the contact's own zone (UTC when it has none, or an invalid one). */
    static ProfileFacts of(ContactProfile profile) {
        return new ProfileFacts(profile, zone(profile, ZoneOffset.UTC));
    }

    static ZoneId zone(ContactProfile profile, ZoneId fallback) {
        String name = profile.getTimezone();
        if (name == null) {
            return fallback;
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            return fallback; // a tracker sent something that is not a zone
        }
    }

    @Override
    public String field(String name) {
        FieldValue v = profile.getFields().get(name);
        return v == null ? null : v.getValue();
    }

    @Override
    public List<Map<String, String>> companies() {
        if (profile.getCompanies().isEmpty()) {
            return List.of();
        }
        List<Map<String, String>> all = new ArrayList<>(profile.getCompanies().size());
        for (CompanyLink link : profile.getCompanies().values()) {
            all.add(link.getFields());
        }
        return all;
    }

    @Override
    public int score(String group) {
        return Profiles.score(profile, group);
    }

    /** A live view: the profile keeps its tags sorted, so membership is a binary search. */
    @Override
    public Set<String> tags() {
        return new AbstractSet<>() {
            @Override
            public boolean contains(Object tag) {
                return tag instanceof String t && Collections.binarySearch(profile.getTags(), t) >= 0;
            }

            @Override
            public Iterator<String> iterator() {
                return profile.getTags().iterator();
            }

            @Override
            public int size() {
                return profile.getTags().size();
            }
        };
    }

    @Override
    public boolean doNotContact(String channel) {
        return profile.getDoNotContact().containsKey(channel);
    }

    @Override
    public String stage() {
        return profile.getStage();
    }

    @Override
    public boolean member(String segmentId) {
        return profile.getSegments().containsKey(segmentId);
    }

    @Override
    public Long lastActive() {
        return profile.getLastActive();
    }

    @Override
    public long behaviorCount(BehaviorQuery query, long now) {
        return BehaviorSummary.count(profile.getBehavior(), query, now);
    }

    @Override
    public Long behaviorChange(BehaviorQuery query, long now) {
        return BehaviorSummary.nextChange(profile.getBehavior(), query, now);
    }

    @Override
    public ZoneId zone() {
        return zone;
    }
}
