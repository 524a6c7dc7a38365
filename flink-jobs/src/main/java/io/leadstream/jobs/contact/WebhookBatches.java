package io.leadstream.jobs.contact;

import io.leadstream.schemas.engine.SendCommand;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The contact processor's sends, with the sends of global webhooks that post in batches collected into batches ({@link WebhookBatcher}). */
public final class WebhookBatches {
    private WebhookBatches() {}

    public static DataStream<SendCommand> apply(DataStream<SendCommand> sends, Duration wait) {
        DataStream<SendCommand> single = sends.filter(s -> !batched(s)).name("sends-one-by-one").uid("sends-one-by-one");
        DataStream<SendCommand> batches = sends.filter(WebhookBatches::batched).name("webhook-sends-to-batch").uid("webhook-sends-to-batch")
                .keyBy(s -> s.getAttributes().get(GlobalWebhooks.WEBHOOK))
                .process(new WebhookBatcher(wait.toMillis()), TypeInformation.of(SendCommand.class)).name("webhook-batches").uid("webhook-batches");
        return single.union(batches);
    }

    private static boolean batched(SendCommand s) {
        return s.getAttributes() != null && s.getAttributes().containsKey(WebhookBatcher.BATCH);
    }
}
