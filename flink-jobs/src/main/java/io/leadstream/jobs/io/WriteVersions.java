package io.leadstream.jobs.io;

/**
 * Write timestamps (microseconds) for the rows of a view an operator writes whole: increasing within
 * the subtask, and later than any an earlier attempt of the job wrote, since they follow the wall
 * clock; so an older row never overwrites a newer one. Not thread-safe; one per operator instance.
 */
public final class WriteVersions {
    private long last;

    public long next() {
        last = Math.max(last + 1, System.currentTimeMillis() * 1000);
        return last;
    }
}
