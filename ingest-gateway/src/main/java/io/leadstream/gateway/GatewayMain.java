package io.leadstream.gateway;

import io.leadstream.common.config.AllOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.kafka.TopicAdmin;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the gateway alone (distributed mode). Configuration: {@code LEADSTREAM_CONFIG} names an
 * optional file; {@code LEADSTREAM_*} variables override it.
 */
public final class GatewayMain {
    private GatewayMain() {}

    public static void main(String[] args) throws InterruptedException {
        LeadStreamConfig config = AllOptions.load(LeadStreamConfig.optionalPath(System.getenv("LEADSTREAM_CONFIG")));
        TopicAdmin.ensureTopics(config);
        GatewayServer server = new GatewayServer(config).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "gateway-shutdown"));
        stopped.await();
    }
}
