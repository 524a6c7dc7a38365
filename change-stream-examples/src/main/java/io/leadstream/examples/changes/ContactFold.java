package io.leadstream.examples.changes;

import io.leadstream.schemas.engine.ContactChange;
import io.leadstream.schemas.engine.PointsChange;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One contact's profile folded from the two topics that carry it: {@code contact-changes} (each
 * record the whole profile after a change of anything but points) and {@code points} (every score
 * change). The latest profile record wins; a score comes from whichever record is at the later
 * points sequence, since the topics are read apart and either may be ahead. A contact merged away
 * or erased is gone for good: ids are never reused, so its late points records are dropped.
 *
 * <p>Serializable with plain fields, so a Flink job can keep it as keyed state.
 */
public final class ContactFold implements Serializable {
    private static final long serialVersionUID = 1L;

    private String contactId;
    private boolean gone;
    private Map<String, String> fields = new TreeMap<>();
    private List<String> tags = new ArrayList<>();
    private String stage;
    private List<String> companies = new ArrayList<>();
    private String primaryCompany;
    private boolean identified;
    private boolean doNotContact;
    private final Score overall = new Score();
    private final Map<String, Score> groups = new HashMap<>();

    /** A record of contact-changes. */
    public void apply(ContactChange change) {
        contactId = change.getContactId();
        if (change.getDeleted() || change.getMergedInto() != null) {
            gone = true;
            return;
        }
        fields = new TreeMap<>(change.getFields());
        tags = new ArrayList<>(change.getTags());
        stage = change.getStage();
        companies = new ArrayList<>(change.getCompanies());
        primaryCompany = change.getPrimaryCompany();
        identified = change.getIdentified();
        doNotContact = Boolean.TRUE.equals(change.getDoNotContact());
        long sequence = change.getPointsSequence();
        overall.offer(sequence, change.getPoints());
        change.getPointsByGroup().forEach((group, points) -> groups.computeIfAbsent(group, g -> new Score()).offer(sequence, points));
    }

    /** A record of points: the score after it, of its group if it has one. */
    public void apply(PointsChange change) {
        contactId = change.getContactId();
        Score score = change.getGroup() == null ? overall : groups.computeIfAbsent(change.getGroup(), g -> new Score());
        score.offer(change.getSequence(), change.getTotal());
    }

    /** The profile now, or null for a contact merged away or erased. */
    public RebuiltProfile profile() {
        if (gone || contactId == null) {
            return null;
        }
        Map<String, Integer> byGroup = new TreeMap<>();
        groups.forEach((group, score) -> byGroup.put(group, score.points));
        // Mutable copies: Flink's serializers rebuild collections by adding to them.
        return new RebuiltProfile(contactId, new TreeMap<>(fields), new ArrayList<>(tags), stage, overall.points, byGroup,
                identified, doNotContact, new ArrayList<>(companies), primaryCompany);
    }

    /** A score and the points sequence it is at. */
    private static final class Score implements Serializable {
        private static final long serialVersionUID = 1L;
        private long sequence = -1;
        private int points;

        void offer(long at, int value) {
            if (at >= sequence) {
                sequence = at;
                points = value;
            }
        }
    }
}
