package io.leadstream.store.cassandra.table;

/** A form submission by its contact, so access requests and erasures find it without scanning every form. */
public final class ContactFormSubmissionsTable {
    public static final String NAME = "contact_form_submissions";

    private ContactFormSubmissionsTable() {}
}
