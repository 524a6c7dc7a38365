package io.leadstream.common.kafka;

import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * What every LeadStream producer starts from: records acknowledged by all in-sync replicas, an
 * idempotent producer (no duplicates from its own retries), a client id naming the writer. Callers
 * add what is theirs (batching, blocking limits).
 */
public final class AckedProducerConfig {
    private AckedProducerConfig() {}

    public static Properties of(LeadStreamConfig config, String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(KafkaOptions.BOOTSTRAP_SERVERS));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return p;
    }
}
