package io.leadstream.jobs.contact;

import io.leadstream.schemas.profile.ContactProfile;
import io.leadstream.schemas.profile.DoNotContactEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;

/** Small operations on a {@link ContactProfile} that several parts of a round share. */
final class Profiles {
    /** Do-not-contact kinds, the strictest first: a merge keeps the stricter of two. */
    private static final List<String> STRICTNESS = List.of("bounced", "unsubscribed", "manual");

    private Profiles() {}

    /** A contact seen for the first time: every collection empty and mutable. */
    static ContactProfile empty() {
        ContactProfile p = new ContactProfile();
        p.setMergedIds(new ArrayList<>());
        p.setIdentified(false);
        p.setFields(new HashMap<>());
        p.setPoints(0);
        p.setGroupPoints(new HashMap<>());
        p.setPointsSequence(0L);
        p.setActionCounters(new HashMap<>());
        p.setTriggersFired(new ArrayList<>());
        p.setTags(new ArrayList<>());
        p.setDoNotContact(new HashMap<>());
        p.setSegments(new HashMap<>());
        p.setManual(new HashMap<>());
        p.setBehavior(new HashMap<>());
        p.setForms(new HashMap<>());
        p.setCampaigns(new HashMap<>());
        p.setCompanies(new HashMap<>());
        p.setSegmentEmails(new ArrayList<>());
        return p;
    }

    /** Adds a tag to the sorted list; true if it was not there. */
    static boolean addTag(ContactProfile p, String tag) {
        int at = Collections.binarySearch(p.getTags(), tag);
        if (at >= 0) {
            return false;
        }
        p.getTags().add(-at - 1, tag);
        return true;
    }

    static boolean removeTag(ContactProfile p, String tag) {
        int at = Collections.binarySearch(p.getTags(), tag);
        if (at < 0) {
            return false;
        }
        p.getTags().remove(at);
        return true;
    }

    /** The score of a group, or the total when {@code group} is null. */
    static int score(ContactProfile p, String group) {
        return group == null ? p.getPoints() : p.getGroupPoints().getOrDefault(group, 0);
    }

    static void setScore(ContactProfile p, String group, int score) {
        if (group == null) {
            p.setPoints(score);
        } else {
            p.getGroupPoints().put(group, score);
        }
    }

    /** The stricter of two do-not-contact entries (bounced, then unsubscribed, then manual); the earlier on a tie. */
    static DoNotContactEntry stricter(DoNotContactEntry a, DoNotContactEntry b) {
        int ra = rank(a.getKind());
        int rb = rank(b.getKind());
        if (ra != rb) {
            return ra < rb ? a : b;
        }
        return a.getTime() <= b.getTime() ? a : b;
    }

    private static int rank(String kind) {
        int r = STRICTNESS.indexOf(kind);
        return r < 0 ? STRICTNESS.size() : r;
    }

    /** The stage as the view holds it: null for a contact never in one, "" for one taken out of its stage. */
    static String viewStage(ContactProfile profile) {
        if (profile.getStage() != null) {
            return profile.getStage();
        }
        return profile.getStageSince() == null ? null : "";
    }
}
