package io.leadstream.launcher;

import io.leadstream.common.config.AllOptions;
import io.leadstream.common.config.GatewayOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.workers.WorkerOptions;
import io.leadstream.workers.SendWorkers;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** {@code leadstream workers}: send workers as a process of their own (the distributed deployment runs N of these). */
@Command(name = "workers", mixinStandardHelpOptions = true,
        description = "Run send workers (worker.count threads) against the configured Cassandra and SMTP server until stopped. "
                + "Links in emails point at gateway.public-url and are signed with gateway.token-secret.")
final class WorkersCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        LeadStreamConfig config = AllOptions.load(LeadStreamConfig.optionalPath(System.getenv("LEADSTREAM_CONFIG")));
        String gateway = config.get(GatewayOptions.PUBLIC_URL);
        if (gateway.isBlank() || config.get(GatewayOptions.TOKEN_SECRET).isBlank()) {
            System.err.println("Set gateway.public-url and gateway.token-secret (the gateway's): email links must reach it and verify.");
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (SendWorkers workers = SendWorkers.start(config, gateway)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "workers-shutdown"));
            System.out.printf("%d send worker(s) delivering to %s:%d (Ctrl-C stops)%n", config.get(WorkerOptions.COUNT),
                    config.get(WorkerOptions.SMTP_HOST), config.get(WorkerOptions.SMTP_PORT));
            stopped.await();
        }
        return 0;
    }
}
