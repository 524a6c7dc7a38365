package io.leadstream.jobs.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadstream.jobs.points.ContactEvents;
import io.leadstream.schemas.engine.SendCommand;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A global webhook with a batch: its sends, as the contact processor makes them, collected into calls of at most that many events. */
class WebhookBatcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private KeyedOneInputStreamOperatorTestHarness<String, SendCommand, SendCommand> batcher;
    private ContactHarness contacts;

    @BeforeEach
    void setUp() throws Exception {
        batcher = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new WebhookBatcher(1_000)),
                s -> s.getAttributes().get(GlobalWebhooks.WEBHOOK), Types.STRING);
        batcher.open();
        contacts = new ContactHarness();
        contacts.define("webhooks", "visits", "{\"id\": \"visits\", \"name\": \"Visits\", \"url\": \"https://bi.example.com/visits\","
                + " \"events\": [\"page_hit\"], \"batch\": 3}");
    }

    @AfterEach
    void tearDown() throws Exception {
        batcher.close();
        contacts.close();
    }

    @Test
    void aBatchGoesWhenItIsFullOrWhenItHasWaitedAndKeepsEachContactsOrder() throws Exception {
        contacts.event(ContactEvents.page("p1", "c1", 1_000, "https://x/a"));
        contacts.event(ContactEvents.page("p2", "c2", 1_100, "https://x/b"));
        contacts.event(ContactEvents.page("p3", "c1", 1_200, "https://x/c"));
        contacts.event(ContactEvents.page("p4", "c1", 1_300, "https://x/d"));
        List<SendCommand> sends = contacts.sends();
        assertThat(sends).allSatisfy(s -> assertThat(s.getAttributes()).containsEntry(WebhookBatcher.BATCH, "3"));

        batcher.setProcessingTime(0);
        for (SendCommand s : sends) {
            batcher.processElement(new StreamRecord<>(s, 0));
        }
        List<SendCommand> out = new ArrayList<>(batcher.extractOutputValues());
        assertThat(out).as("three: full").hasSize(1);
        assertThat(events(out.get(0))).containsExactly("c1 p1", "c2 p2", "c1 p3");
        batcher.setProcessingTime(999);
        assertThat(batcher.extractOutputValues()).as("the fourth waits").hasSize(1);
        batcher.setProcessingTime(1_000);
        out = new ArrayList<>(batcher.extractOutputValues());
        assertThat(out).hasSize(2);
        assertThat(events(out.get(1))).as("then goes alone").containsExactly("c1 p4");

        SendCommand batch = out.get(0);
        assertThat(batch.getContactId()).as("filed under the webhook: its batches go in order").isEqualTo("webhook:visits");
        assertThat(batch.getWebhookUrl()).isEqualTo("https://bi.example.com/visits");
        assertThat(batch.getAttributes()).containsEntry("event", "batch").containsEntry("webhook", "visits");
        JsonNode first = JSON.readTree(batch.getAttributes().get(WebhookBatcher.EVENTS)).get(0);
        assertThat(first.path("kind").asText()).isEqualTo("page_hit");
        assertThat(first.path("send").asText()).isEqualTo(sends.get(0).getCommandId());
        assertThat(first.path("data").isObject()).isTrue();
        assertThat(out.get(1).getCommandId()).isNotEqualTo(batch.getCommandId());
        assertThat(batcher.numProcessingTimeTimers()).isZero();
    }

    private static List<String> events(SendCommand batch) throws Exception {
        List<String> out = new ArrayList<>();
        JSON.readTree(batch.getAttributes().get(WebhookBatcher.EVENTS)).forEach(e -> out.add(e.path("contact").asText() + " " + e.path("id").asText()));
        return out;
    }
}
