package io.leadstream.common.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition Kafka's producer puts a record with a String key in when it is not told one: the
 * built-in partitioner's murmur2 of the key's UTF-8 bytes. Whoever lays data out "as Kafka does"
 * (the outbox by contact, so a send worker owns the outbox rows of its partitions) asks here.
 */
public final class KafkaKeys {
    private KafkaKeys() {}

    public static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
