package io.leadstream.gateway;

import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producers for the API's writes (definitions, commands): every record acknowledged by all replicas, idempotent, never blocking a request for long. */
public final class AckedProducers {
    private AckedProducers() {}

    public static <V> KafkaProducer<String, V> create(LeadStreamConfig config, String clientId, Serializer<V> values) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(KafkaOptions.BOOTSTRAP_SERVERS));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return new KafkaProducer<>(p, new StringSerializer(), values);
    }
}
