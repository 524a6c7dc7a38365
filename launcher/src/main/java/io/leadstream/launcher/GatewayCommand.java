package io.leadstream.launcher;

import io.leadstream.common.config.AllOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.gateway.GatewayServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/**
 * {@code leadstream gateway}: the gateway as a process of its own (the distributed deployment's),
 * with campaign dry runs: unlike {@code GatewayMain}, this process has the engine's classes, so a dry
 * run executes here on a local Flink environment over the contact-events topic.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Run the gateway (tracking, forms, API, dashboard) against the configured Kafka and Cassandra until stopped, "
                + "with POST /api/v1/campaigns/{id}/dry-run run in this process.")
final class GatewayCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        LeadStreamConfig config = AllOptions.load(LeadStreamConfig.optionalPath(System.getenv("LEADSTREAM_CONFIG")));
        TopicAdmin.ensureTopics(config);
        CountDownLatch stopped = new CountDownLatch(1);
        try (GatewayServer gateway = new GatewayServer(config).campaignDryRuns(DryRunJson.runner(config)).segmentPreviews(SegmentPreviewJson.runner(config)).start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "gateway-shutdown"));
            System.out.printf("Gateway on %s (Ctrl-C stops)%n", gateway.baseUrl());
            stopped.await();
        }
        return 0;
    }
}
