package io.leadstream.bench.pipeline;

import io.leadstream.bench.BenchSmtpServer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The emails the probes expect, as the SMTP server saw them: how many arrived once, none or more
 * than once, and, per kind of probe, the time from the hit to the server's acceptance.
 */
final class ProbeEmails {
    /** The count of each outcome and the latency per probe kind (milliseconds). */
    record Outcome(int expected, int once, int missing, int duplicated, List<String> missingExamples,
                   Map<PipelineMix.Kind, Histogram> latencies) {
        boolean exactlyOnce() {
            return missing == 0 && duplicated == 0;
        }
    }

    private ProbeEmails() {}

    static int arrived(List<DriverLedger.Probe> probes, BenchSmtpServer smtp) {
        int n = 0;
        for (DriverLedger.Probe p : probes) {
            if (smtp.firstArrival(p.address()) != null) {
                n++;
            }
        }
        return n;
    }

    static Outcome check(List<DriverLedger.Probe> probes, BenchSmtpServer smtp) {
        int once = 0;
        int missing = 0;
        int duplicated = 0;
        List<String> examples = new ArrayList<>();
        Map<PipelineMix.Kind, Histogram> latencies = new EnumMap<>(PipelineMix.Kind.class);
        for (DriverLedger.Probe p : probes) {
            int received = smtp.messagesTo(p.address());
            if (received == 0) {
                missing++;
                if (examples.size() < 10) {
                    examples.add(p.address());
                }
                continue;
            }
            if (received == 1) {
                once++;
            } else {
                duplicated++;
            }
            Histogram h = latencies.computeIfAbsent(p.kind(), k -> new Histogram(TimeUnit.MINUTES.toMillis(30), 3));
            h.recordValue(Math.max(0, Math.min(smtp.firstArrival(p.address()) - p.sentAt(), h.getHighestTrackableValue())));
        }
        return new Outcome(probes.size(), once, missing, duplicated, List.copyOf(examples), latencies);
    }
}
