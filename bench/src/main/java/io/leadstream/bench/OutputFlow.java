package io.leadstream.bench;

import static io.leadstream.bench.BenchSupport.say;

import java.util.List;

/**
 * When a measured job's output started and when it was complete, watched through topic end
 * offsets every 100 ms: output starts when any of {@code startTopics} has a record, and is
 * complete when {@code doneTopic} holds {@code expected} records. Start-up is not in the figure.
 *
 * @param firstRecords records already in {@code doneTopic} at the first sight of output
 */
public record OutputFlow(long startNanos, long firstRecords, long endNanos) {

    public double seconds() {
        return (endNanos - startNanos) / 1e9;
    }

    public static OutputFlow await(String bootstrap, List<String> startTopics, String doneTopic, long expected, String name) throws Exception {
        long start = 0;
        long first = 0;
        long lastReport = System.nanoTime();
        try (BenchSupport.EndOffsets offsets = new BenchSupport.EndOffsets(bootstrap)) {
            for (long out = 0; out < expected; ) {
                Thread.sleep(100);
                out = offsets.sum(doneTopic);
                if (start == 0 && (out > 0 || anyOutput(offsets, startTopics))) {
                    start = System.nanoTime();
                    first = out;
                }
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    lastReport = System.nanoTime();
                    say("  %s: %,d of %,d out", name, out, expected);
                }
            }
        }
        return new OutputFlow(start, first, System.nanoTime());
    }

    private static boolean anyOutput(BenchSupport.EndOffsets offsets, List<String> topics) throws Exception {
        for (String topic : topics) {
            if (offsets.sum(topic) > 0) {
                return true;
            }
        }
        return false;
    }
}
