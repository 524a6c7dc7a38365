package io.leadstream.common.email;

import java.util.Map;

/**
 * A form's notification: an email definition sent, on a submission, to an address the form names
 * (sales, support) rather than to the contact, with the submission's results in its
 * {@code {formresults}} token. Its send command carries the address in {@link #TO} and the results
 * (JSON) in {@link #RESULTS}; the worker sends it with links untracked and reports nothing, so it
 * counts in no stats, timeline or campaign of the contact.
 */
public final class FormNotifications {
    /** The send command attribute holding the address notified. */
    public static final String TO = "notify-to";
    /** The send command attribute holding the submitted values, a JSON object. */
    public static final String RESULTS = "results";

    private FormNotifications() {}

    /** The notified address of a send command's attributes; null for any other send. */
    public static String address(Map<String, String> attributes) {
        return attributes == null ? null : attributes.get(TO);
    }
}
