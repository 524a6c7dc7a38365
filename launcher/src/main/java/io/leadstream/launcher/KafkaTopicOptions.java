package io.leadstream.launcher;

import io.leadstream.common.config.AllOptions;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import picocli.CommandLine.Option;

/** {@code --kafka} and {@code --topic-prefix} of the commands that read LeadStream's topics, over the configuration. */
final class KafkaTopicOptions {
    @Option(names = "--kafka", description = "Kafka bootstrap servers (default: kafka.bootstrap-servers; the local run prints them).")
    String bootstrap;

    @Option(names = "--topic-prefix", description = "Prefix of LeadStream's topics (default: kafka.topic-prefix).")
    String prefix;

    LeadStreamConfig config() {
        LeadStreamConfig config = AllOptions.load(LeadStreamConfig.optionalPath(System.getenv("LEADSTREAM_CONFIG")));
        if (bootstrap != null) {
            config = config.with(KafkaOptions.BOOTSTRAP_SERVERS, bootstrap);
        }
        if (prefix != null) {
            config = config.with(KafkaOptions.TOPIC_PREFIX, prefix);
        }
        return config;
    }
}
