package io.leadstream.examples.changes;

import io.leadstream.schemas.engine.ContactChange;
import io.leadstream.schemas.engine.PointsChange;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Every contact's {@link ContactFold}: what a reader of the change stream keeps in memory. */
public final class ProfileFold {
    private final Map<String, ContactFold> contacts = new HashMap<>();

    public void apply(ContactChange change) {
        contacts.computeIfAbsent(change.getContactId(), id -> new ContactFold()).apply(change);
    }

    public void apply(PointsChange change) {
        contacts.computeIfAbsent(change.getContactId(), id -> new ContactFold()).apply(change);
    }

    /** The profiles now, by contact id (contacts merged away or erased left out). */
    public Map<String, RebuiltProfile> profiles() {
        Map<String, RebuiltProfile> out = new TreeMap<>();
        contacts.forEach((id, fold) -> {
            RebuiltProfile p = fold.profile();
            if (p != null) {
                out.put(id, p);
            }
        });
        return out;
    }
}
