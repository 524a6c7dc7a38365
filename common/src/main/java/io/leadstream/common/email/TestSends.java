package io.leadstream.common.email;

import java.util.Map;

/**
 * A test send: an email sent to an address of the author's choosing from the editor, through the
 * send workers like any email, but to nobody's contact record. Its send command carries the
 * address in {@link #TO}; the worker sends it with links untracked and its subject marked, and
 * reports nothing, so it counts in no stats, timeline or campaign.
 */
public final class TestSends {
    /** The send command attribute holding the test address. */
    public static final String TO = "test-to";
    public static final String SUBJECT_PREFIX = "[Test] ";

    private TestSends() {}

    /** The test address of a send command's attributes; null for a real send. */
    public static String address(Map<String, String> attributes) {
        return attributes == null ? null : attributes.get(TO);
    }
}
