package io.leadstream.launcher;

import io.leadstream.common.config.AllOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.gateway.GatewayOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leadstream local}: the whole system on this machine, until Ctrl-C. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Start Kafka, Cassandra, the engine on a Flink MiniCluster, the gateway, a local SMTP server and the demo site.")
final class LocalCommand implements Callable<Integer> {

    @Option(names = {"-p", "--port"}, description = "Gateway HTTP port (default: gateway.port, 8080).")
    Integer port;

    @Option(names = {"-d", "--data-dir"}, description = "Keep Kafka and Cassandra data here across restarts (default: local.data-dir, else a temp dir).")
    Path dataDir;

    @Option(names = {"-c", "--config"}, description = "Config file (HOCON/properties); LEADSTREAM_* environment variables override it.")
    Path configFile;

    @Override
    public Integer call() throws Exception {
        LeadStreamConfig config = AllOptions.load(configFile != null ? configFile
                : LeadStreamConfig.optionalPath(System.getenv("LEADSTREAM_CONFIG")));
        if (port != null) {
            config = config.with(GatewayOptions.PORT, port);
        }
        if (dataDir != null) {
            config = config.with(LocalOptions.DATA_DIR, dataDir.toAbsolutePath().toString());
        }
        LocalRun run = LocalRun.start(config);
        run.awaitShutdown();
        return 0;
    }
}
