package io.leadstream.store.cassandra.table;

/** A row of {@code contact_form_submissions} is a form a contact submitted: its submissions by contact. */
public final class ContactFormSubmissionsTable {
    public static final String NAME = "contact_form_submissions";

    /** One row at most: whether the contact has submitted the form. */
    public static final String SELECT_BY_CONTACT_ID_AND_FORM_ID =
            "SELECT event_id FROM {ks}.contact_form_submissions WHERE contact_id = ? AND form_id = ? LIMIT 1";

    private ContactFormSubmissionsTable() {}
}
