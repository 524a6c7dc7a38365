package io.leadstream.workers;

import com.datastax.oss.driver.api.core.CqlSession;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.common.kafka.AckedProducerConfig;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.engine.Channel;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.store.cassandra.OutboxLayout;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Send commands as the engine writes them: to send-commands keyed by contact (the producer's partitioner), and a row of the outbox. */
final class EngineSends {
    private EngineSends() {}

    static SendCommand email(String commandId, String contactId, String emailId, boolean transactional, Instant due) {
        return SendCommand.newBuilder().setCommandId(commandId).setChannel(Channel.EMAIL).setContactId(contactId).setDueTime(due)
                .setCreatedTime(due).setEmailId(emailId).setTransactional(transactional).build();
    }

    static SendCommand webhook(String commandId, String contactId, String url, Instant due, Map<String, String> attributes) {
        return SendCommand.newBuilder().setCommandId(commandId).setChannel(Channel.WEBHOOK).setContactId(contactId).setDueTime(due)
                .setCreatedTime(due).setWebhookUrl(url).setCampaignId("spring").setCampaignEventId("hook").setAttributes(attributes).build();
    }

    /** To the send-commands topic, acknowledged. */
    static void publish(LeadStreamConfig config, List<SendCommand> commands) {
        AvroCodec<SendCommand> codec = AvroCodec.of(SendCommand.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(AckedProducerConfig.of(config, "engine-sends"), new StringSerializer(),
                new ByteArraySerializer())) {
            for (SendCommand c : commands) {
                producer.send(new ProducerRecord<>(TopicNames.from(config).sendCommands(), c.getContactId(), codec.encode(c)));
            }
            producer.flush();
        }
    }

    /** Its outbox row (filed under its due time), and a webhook's place in its contact's order. */
    static void store(CqlSession session, String ks, SendCommand c) {
        Instant due = c.getDueTime();
        session.execute("INSERT INTO " + ks + ".outbox (bucket, shard, due, command_id, channel, contact_id, email_id, transactional, webhook_url,"
                        + " campaign_id, campaign_event_id, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                OutboxLayout.bucket(due), OutboxLayout.shard(c.getContactId()), due, c.getCommandId(), c.getChannel().name(), c.getContactId(),
                c.getEmailId(), c.getTransactional(), c.getWebhookUrl(), c.getCampaignId(), c.getCampaignEventId(), c.getAttributes());
        if (c.getChannel() == Channel.WEBHOOK) {
            session.execute("INSERT INTO " + ks + ".contact_webhooks (contact_id, due, command_id) VALUES (?, ?, ?)", c.getContactId(), due,
                    c.getCommandId());
        }
    }
}
