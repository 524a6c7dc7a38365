package io.leadstream.stack;

/** Sleep for polling loops; an interrupt aborts the wait instead of being swallowed. */
final class Pause {
    private Pause() {}

    static void millis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
