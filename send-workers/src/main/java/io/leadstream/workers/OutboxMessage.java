package io.leadstream.workers;

import java.time.Instant;
import java.util.Map;

/** One row of the {@code outbox} table: something due to be delivered. */
public record OutboxMessage(Instant bucket, int shard, Instant due, String commandId, String channel, String contactId, String emailId,
                            boolean transactional, String campaignId, String campaignEventId, String webhookUrl, Map<String, String> attributes) {
    public boolean email() {
        return "EMAIL".equals(channel);
    }

    public boolean webhook() {
        return "WEBHOOK".equals(channel);
    }
}
