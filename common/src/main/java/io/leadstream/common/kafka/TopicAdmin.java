package io.leadstream.common.kafka;

import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates LeadStream's topics when missing, with the configured partitions and replication. */
public final class TopicAdmin {
    private TopicAdmin() {}

    public static void ensureTopics(LeadStreamConfig config) {
        TopicNames names = TopicNames.from(config);
        int partitions = config.get(KafkaOptions.PARTITIONS);
        short rf = config.get(KafkaOptions.REPLICATION_FACTOR).shortValue();
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(names.rawEvents(), partitions, rf));
        topics.add(new NewTopic(names.definitions(), 1, rf).configs(Map.of("cleanup.policy", "compact")));
        topics.add(new NewTopic(names.contactEvents(), partitions, rf));
        // The changelog is history (merges are never undone): kept, not compacted.
        topics.add(new NewTopic(names.identity(), partitions, rf).configs(Map.of("retention.ms", "-1")));
        topics.add(new NewTopic(names.points(), partitions, rf));
        // Each record is a contact's whole profile: its latest per contact is all a reader needs, and an erasure's replaces the rest.
        topics.add(new NewTopic(names.contactChanges(), partitions, rf).configs(Map.of("cleanup.policy", "compact")));
        topics.add(new NewTopic(names.companyChanges(), partitions, rf).configs(Map.of("cleanup.policy", "compact")));
        topics.add(new NewTopic(names.companyCommands(), partitions, rf));
        topics.add(new NewTopic(names.pointTriggers(), partitions, rf));
        topics.add(new NewTopic(names.segmentChanges(), partitions, rf));
        topics.add(new NewTopic(names.segmentCommands(), partitions, rf));
        topics.add(new NewTopic(names.sendCommands(), partitions, rf));
        topics.add(new NewTopic(names.contactHandovers(), partitions, rf));
        topics.add(new NewTopic(names.deliveryResults(), partitions, rf));
        topics.add(new NewTopic(names.rejected(), 1, rf).configs(Map.of("retention.ms", Long.toString(TimeUnit.DAYS.toMillis(14)))));
        createMissing(config.get(KafkaOptions.BOOTSTRAP_SERVERS), topics);
    }

    /** Creates each topic unless it exists; any other failure names the topic. */
    public static void createMissing(String bootstrapServers, List<NewTopic> topics) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(topics).values().forEach((name, future) -> {
                try {
                    future.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + name, e.getCause());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot create topic " + name, e);
                }
            });
        }
    }
}
