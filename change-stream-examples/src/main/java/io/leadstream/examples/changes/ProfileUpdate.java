package io.leadstream.examples.changes;

import io.leadstream.schemas.engine.ContactChange;
import io.leadstream.schemas.engine.PointsChange;

/** A record of either topic of the change stream, for one keyed stream in Flink. A Flink POJO: exactly one is set. */
public class ProfileUpdate {
    public ContactChange change;
    public PointsChange points;

    public ProfileUpdate() {}

    public static ProfileUpdate of(ContactChange change) {
        ProfileUpdate u = new ProfileUpdate();
        u.change = change;
        return u;
    }

    public static ProfileUpdate of(PointsChange points) {
        ProfileUpdate u = new ProfileUpdate();
        u.points = points;
        return u;
    }

    public String contactId() {
        return change != null ? change.getContactId() : points.getContactId();
    }
}
