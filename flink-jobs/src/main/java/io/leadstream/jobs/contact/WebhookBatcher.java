package io.leadstream.jobs.contact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadstream.common.ids.DeterministicIds;
import io.leadstream.schemas.codec.TrustedRecords;
import io.leadstream.schemas.engine.SendCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by global webhook: collects the webhook sends of a webhook that posts in batches (its
 * {@code batch} attribute, the most events per call) for up to {@code wait}, or until it has that
 * many, and emits them as one send: its events, in the order they came (each contact's in the
 * order the contact processor made them), as a JSON array. The batch is filed under the webhook
 * (contact id {@code webhook:<id>}), so the send workers post its batches one after the other.
 * A replay from a checkpoint may cut batches elsewhere: each event keeps its own id, for a
 * receiver to drop one it has had (webhooks are at least once).
 */
public final class WebhookBatcher extends KeyedProcessFunction<String, SendCommand, SendCommand> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        TrustedRecords.install(); // Avro records in its list state
    }

    /** A webhook send's attribute: the most events per call of its webhook. */
    static final String BATCH = "batch";
    /** A batch's attribute: its events, each {@code {contact, id, kind, time, data}}. */
    static final String EVENTS = "events";
    /** The contact id a batch is filed under: its webhook's, so a webhook's batches go in order. */
    static final String CONTACT_PREFIX = "webhook:";

    private final long waitMillis;
    private transient ListState<SendCommand> pending;
    private transient ValueState<Integer> count;
    private transient ValueState<Long> timer;

    WebhookBatcher(long waitMillis) {
        this.waitMillis = waitMillis;
    }

    @Override
    public void open(OpenContext context) {
        pending = getRuntimeContext().getListState(new ListStateDescriptor<>("pending", TypeInformation.of(SendCommand.class)));
        count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.INT));
        timer = getRuntimeContext().getState(new ValueStateDescriptor<>("timer", Types.LONG));
    }

    @Override
    public void processElement(SendCommand send, Context ctx, Collector<SendCommand> out) throws Exception {
        pending.add(send);
        int n = count.value() == null ? 1 : count.value() + 1;
        count.update(n);
        if (n >= Integer.parseInt(send.getAttributes().get(BATCH))) {
            if (timer.value() != null) {
                ctx.timerService().deleteProcessingTimeTimer(timer.value());
            }
            flush(out);
        } else if (timer.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + waitMillis;
            ctx.timerService().registerProcessingTimeTimer(at);
            timer.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SendCommand> out) throws Exception {
        flush(out);
    }

    private void flush(Collector<SendCommand> out) throws Exception {
        List<SendCommand> sends = new ArrayList<>();
        pending.get().forEach(sends::add);
        pending.clear();
        count.clear();
        timer.clear();
        if (!sends.isEmpty()) {
            out.collect(batch(sends));
        }
    }

    private static JsonNode data(String json) {
        try {
            return json == null ? JSON.createObjectNode() : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a webhook send's data is not JSON: " + json, e); // the engine wrote it: a bug, not input
        }
    }

    /** One send of these webhook sends of one webhook, in their order (also what bench-emails posts). */
    public static SendCommand batch(List<SendCommand> sends) {
        SendCommand first = sends.get(0);
        SendCommand last = sends.get(sends.size() - 1);
        ArrayNode events = JSON.createArrayNode();
        for (SendCommand s : sends) {
            Map<String, String> a = s.getAttributes();
            ObjectNode e = events.addObject();
            e.put("contact", s.getContactId());
            e.put("id", a.get(GlobalWebhooks.EVENT_ID));
            e.put("kind", a.get(GlobalWebhooks.EVENT));
            e.put("time", a.get(GlobalWebhooks.EVENT_TIME));
            e.put("send", s.getCommandId());
            e.set(GlobalWebhooks.DATA, data(a.get(GlobalWebhooks.DATA)));
        }
        String hook = first.getAttributes().get(GlobalWebhooks.WEBHOOK);
        Map<String, String> attributes = new HashMap<>();
        attributes.put(GlobalWebhooks.WEBHOOK, hook);
        attributes.put(GlobalWebhooks.EVENT, "batch");
        attributes.put(EVENTS, events.toString());
        return SendCommand.newBuilder(last).setCommandId(DeterministicIds.of(GlobalWebhooks.KIND, "batch", first.getCommandId(), last.getCommandId(),
                        Integer.toString(sends.size())))
                .setContactId(CONTACT_PREFIX + hook).setAttributes(attributes).build(); // due and created as its last event's
    }
}
