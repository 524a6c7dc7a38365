package io.leadstream.jobs.identity;

import java.util.Map;

/** Follows alias pointers to the root; fails on a cycle. */
final class Aliases {
    private Aliases() {}

    static String resolve(Map<String, String> aliases, String contact) {
        String at = contact;
        for (int hops = 0; hops < 32; hops++) {
            String next = aliases.get(at);
            if (next == null || next.equals(at)) {
                return at;
            }
            at = next;
        }
        throw new AssertionError("alias cycle from " + contact);
    }
}
