package io.leadstream.workers;

import io.leadstream.common.email.FormNotifications;
import io.leadstream.common.email.TestSends;
import io.leadstream.schemas.engine.SendCommand;
import java.time.Instant;
import java.util.Map;

/** Something due to be delivered: a send command as Kafka carried it, or its row of the {@code outbox} table. */
public record OutboxMessage(Instant due, String commandId, String channel, String contactId, String emailId, boolean transactional,
                            String campaignId, String campaignEventId, String webhookUrl, Map<String, String> attributes) {
    static OutboxMessage of(SendCommand c) {
        return new OutboxMessage(c.getDueTime(), c.getCommandId(), c.getChannel().name(), c.getContactId(), c.getEmailId(), c.getTransactional(),
                c.getCampaignId(), c.getCampaignEventId(), c.getWebhookUrl(), c.getAttributes());
    }

    /** The same message naming another email: the one it rendered, for its report. */
    OutboxMessage withEmailId(String rendered) {
        return new OutboxMessage(due, commandId, channel, contactId, rendered, transactional, campaignId, campaignEventId, webhookUrl, attributes);
    }

    public boolean email() {
        return "EMAIL".equals(channel);
    }

    /** An editor's test send (see {@link TestSends}): to its own address, reported nowhere. */
    public boolean test() {
        return TestSends.address(attributes) != null;
    }

    /** A form's notification (see {@link FormNotifications}): to the address the form names, reported nowhere. */
    public boolean notification() {
        return FormNotifications.address(attributes) != null;
    }

    public boolean webhook() {
        return "WEBHOOK".equals(channel);
    }
}
