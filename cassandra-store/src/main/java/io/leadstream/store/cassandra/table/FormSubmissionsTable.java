package io.leadstream.store.cassandra.table;

/** A form submission by form, newest first: the form's results. */
public final class FormSubmissionsTable {
    public static final String NAME = "form_submissions";

    /** Up to a limit of a form's submissions before a time (exclusive), newest first. */
    public static final String SELECT_BY_FORM_ID_BEFORE = "SELECT submitted_at, event_id, contact_id, page_url, form_values FROM {ks}.form_submissions"
            + " WHERE form_id = ? AND submitted_at < ? LIMIT ?";
    public static final String DELETE_BY_FORM_ID_AND_SUBMITTED_AT_AND_EVENT_ID =
            "DELETE FROM {ks}.form_submissions WHERE form_id = ? AND submitted_at = ? AND event_id = ?";

    private FormSubmissionsTable() {}
}
