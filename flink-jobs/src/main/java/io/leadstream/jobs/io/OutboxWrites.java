package io.leadstream.jobs.io;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.leadstream.schemas.engine.Channel;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.sink.cassandra.CassandraWriteMapper;
import io.leadstream.store.cassandra.OutboxLayout;
import io.leadstream.store.cassandra.table.ContactWebhooksTable;
import io.leadstream.store.cassandra.table.OutboxTable;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A send command → its row of {@code outbox}, by due minute and shard, for the send workers; a
 * webhook also → its place in {@code contact_webhooks}, the order the contact's webhooks go in. A
 * send written late is filed as due when written ({@link OutboxLayout#filedDue}), in both tables, so
 * the webhook's place in its contact's order matches its outbox row.
 */
public final class OutboxWrites implements CassandraWriteMapper<SendCommand> {
    private static final long serialVersionUID = 1L;

    @Override
    public List<String> cqls() {
        return List.of(OutboxTable.INSERT, ContactWebhooksTable.INSERT);
    }

    @Override
    public void write(List<PreparedStatement> prepared, SendCommand c, Consumer<Statement<?>> out) {
        Instant due = OutboxLayout.filedDue(c.getDueTime(), Instant.now());
        out.accept(CassandraWriteMapper.bindPresent(prepared.get(0), new OutboxTable.Row(due, c.getCommandId(),
                c.getChannel().name(), c.getContactId(), c.getEmailId(), c.getTransactional(), c.getCampaignId(), c.getCampaignEventId(),
                c.getWebhookUrl(), c.getAttributes()).values()));
        if (c.getChannel() == Channel.WEBHOOK) {
            out.accept(CassandraWriteMapper.bind(prepared.get(1), new ContactWebhooksTable.Row(c.getContactId(), due, c.getCommandId()).values()));
        }
    }
}
