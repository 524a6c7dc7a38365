package io.leadstream.bench.gateway;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The gateway producer's own batching figures (its JMX metrics, same JVM): how many records
 * each produce request carried explains most of the broker's CPU per hit.
 */
final class ProducerStats {
    private ProducerStats() {}

    static String read(String clientId) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("kafka.producer:type=producer-metrics,client-id=" + clientId);
            return String.format(Locale.ROOT,
                    "producer (last 30 s): %.0f requests/s, %.1f records/request, batch %.0f bytes avg, request latency %.1f ms avg",
                    number(server, name, "request-rate"), number(server, name, "records-per-request-avg"),
                    number(server, name, "batch-size-avg"), number(server, name, "request-latency-avg"));
        } catch (Exception e) {
            return "producer metrics unavailable: " + e.getMessage();
        }
    }

    private static double number(MBeanServer server, ObjectName name, String attribute) throws Exception {
        return ((Number) server.getAttribute(name, attribute)).doubleValue();
    }
}
