package io.leadstream.workers;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import java.util.List;
import java.util.Map;

/** A failure told in one log line with what caused it: the driver's "Unexpected error on channel" says nothing alone. */
final class Failures {
    private static final int DEPTH = 4;

    private Failures() {}

    static String describe(Throwable e) {
        StringBuilder out = new StringBuilder(e.toString());
        Throwable cause = firstCause(e);
        for (int i = 0; cause != null && i < DEPTH; i++, cause = firstCause(cause)) {
            out.append(" <- ").append(cause);
        }
        return out.toString();
    }

    /** The cause, or for a request every node failed, the first node's error. */
    private static Throwable firstCause(Throwable e) {
        if (e instanceof AllNodesFailedException all && e.getCause() == null) {
            for (Map.Entry<?, List<Throwable>> node : all.getAllErrors().entrySet()) {
                if (!node.getValue().isEmpty()) {
                    return node.getValue().get(0);
                }
            }
        }
        return e.getCause() == e ? null : e.getCause();
    }
}
