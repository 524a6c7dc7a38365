package io.leadstream.jobs.contact;

import io.leadstream.schemas.engine.ContactView;
import io.leadstream.schemas.engine.PointsChange;

/**
 * A row the contact processor writes to Cassandra at a checkpoint: a points change (log and timeline
 * row) or the contact's view. One sink takes both, so a checkpoint's rows of one contact go in one
 * request. A Flink POJO: exactly one field is set.
 */
public final class ContactRow {
    public PointsChange points;
    public ContactView view;

    public ContactRow() {}

    public static ContactRow of(PointsChange points) {
        ContactRow row = new ContactRow();
        row.points = points;
        return row;
    }

    public static ContactRow of(ContactView view) {
        ContactRow row = new ContactRow();
        row.view = view;
        return row;
    }

    /** Views coalesce to a contact's newest per checkpoint; every points change is a row of its own (null: not coalesced). */
    public static String coalescingKey(ContactRow row) {
        return row.view == null ? null : row.view.getContactId();
    }
}
