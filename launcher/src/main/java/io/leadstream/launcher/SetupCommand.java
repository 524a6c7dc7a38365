package io.leadstream.launcher;

import io.leadstream.common.config.AllOptions;
import io.leadstream.common.config.CassandraOptions;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.store.cassandra.CassandraSchema;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code leadstream setup}: creates the Kafka topics and the Cassandra keyspace and tables, or adds what a newer
 * version needs. Idempotent, so a deployment runs it before every start of the engine (a compose service, a
 * Kubernetes Job); the engine's job itself only builds and runs the topology.
 */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = "Create or update the Kafka topics (kafka.topic-prefix, kafka.partitions) and the Cassandra keyspace and tables "
                + "(cassandra.keyspace); safe to run again. Run it before the engine starts.")
final class SetupCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, description = "Config file (HOCON/properties; default: LEADSTREAM_CONFIG); LEADSTREAM_* environment variables override it.")
    Path configFile;

    @Override
    public Integer call() {
        LeadStreamConfig config = AllOptions.load(configFile != null ? configFile : LeadStreamConfig.optionalPath(System.getenv("LEADSTREAM_CONFIG")));
        TopicAdmin.ensureTopics(config);
        CassandraSchema.apply(config);
        System.out.printf("Topics '%s*' and keyspace '%s' are ready%n", config.get(KafkaOptions.TOPIC_PREFIX), config.get(CassandraOptions.KEYSPACE));
        return 0;
    }
}
