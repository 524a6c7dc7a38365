package io.leadstream.bench.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * How the driver process tells the benchmark what became of each event: one line per outcome in a
 * file the benchmark reads as it grows, so that the benchmark's {@link DriverLedger} is the same as
 * if the driver ran in its own JVM. A line is one of
 * <pre>
 * s FIRST_SENT_MS
 * a KIND STATUS DEVICE FIRST_ATTEMPT_MS LATENCY_MICROS ACCEPTED_AT_MS PROBE_OR_-
 * r KIND STATUS REASON...
 * t STATUS
 * d RUN ok ACCEPTED SECONDS | d RUN failed MESSAGE...
 * </pre>
 * Devices and addresses have no spaces (the mix makes them).
 */
final class DriverLog {
    private DriverLog() {}

    /** The driver's side: writes each outcome, or (counting only: a ceiling) just how many were accepted. */
    static final class Out implements PipelineDriver.Recorder {
        private final Writer out;
        private final boolean everyEvent;
        private boolean firstSent;
        private long accepted;

        Out(Writer out, boolean everyEvent) {
            this.out = out;
            this.everyEvent = everyEvent;
        }

        @Override
        public void sent(long firstAttemptAt) {
            if (!firstSent && everyEvent) {
                firstSent = true;
                line("s " + firstAttemptAt);
            }
        }

        @Override
        public void accepted(PipelineMix.Event e, int status, long firstAttemptAt, long latencyMicros) {
            accepted++;
            if (everyEvent) {
                line("a " + e.kind() + " " + status + " " + e.deviceId() + " " + firstAttemptAt + " " + latencyMicros + " "
                        + System.currentTimeMillis() + " " + (e.probe() == null ? "-" : e.probe()));
            }
        }

        @Override
        public void rejected(PipelineMix.Event e, int status, String reason) {
            line("r " + e.kind() + " " + status + " " + reason.replaceAll("\\s+", " "));
        }

        @Override
        public void retried(int status) {
            if (everyEvent) {
                line("t " + status);
            }
        }

        long accepted() {
            return accepted;
        }

        void done(int run, long acceptedInRun, double seconds) {
            line("d " + run + " ok " + acceptedInRun + " " + seconds);
            flush();
        }

        void failed(int run, String message) {
            line("d " + run + " failed " + String.valueOf(message).replaceAll("\\s+", " "));
            flush();
        }

        void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void line(String s) {
            try {
                out.write(s);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A run's end as the driver reported it: {@code failure} null when every event was accepted or refused. */
    record RunEnd(int run, long accepted, double seconds, String failure) {
    }

    /** The benchmark's side: applies one line to the ledger; returns the run's end for a {@code d} line, else null. */
    static RunEnd apply(String line, DriverLedger ledger) {
        String[] f = line.split(" ", line.startsWith("r ") ? 4 : (line.startsWith("d ") ? 4 : -1));
        switch (f[0]) {
            case "s" -> ledger.sent(Long.parseLong(f[1]));
            case "a" -> {
                PipelineMix.Kind kind = PipelineMix.Kind.valueOf(f[1]);
                String probe = "-".equals(f[7]) ? null : f[7];
                ledger.accepted(new PipelineMix.Event(-1, kind, f[3], false, null, null, probe), Integer.parseInt(f[2]),
                        Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]));
            }
            case "r" -> ledger.rejected(new PipelineMix.Event(-1, PipelineMix.Kind.valueOf(f[1]), "-", false, null, null, null),
                    Integer.parseInt(f[2]), f.length > 3 ? f[3] : "");
            case "t" -> ledger.retried(Integer.parseInt(f[1]));
            case "d" -> {
                int run = Integer.parseInt(f[1]);
                if ("ok".equals(f[2])) {
                    String[] counts = f[3].split(" ");
                    return new RunEnd(run, Long.parseLong(counts[0]), Double.parseDouble(counts[1]), null);
                }
                return new RunEnd(run, 0, 0, f.length > 3 ? f[3] : "failed");
            }
            default -> throw new IllegalStateException("not a driver log line: " + line);
        }
        return null;
    }
}
