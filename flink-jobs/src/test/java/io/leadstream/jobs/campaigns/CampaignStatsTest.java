package io.leadstream.jobs.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.schemas.engine.CampaignOutcome;
import io.leadstream.schemas.engine.Channel;
import io.leadstream.schemas.engine.DeliveryResult;
import io.leadstream.schemas.engine.DeliveryStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/** Campaign step counts: one per log entry, and a send the workers suppressed moves from EXECUTED to SUPPRESSED. */
class CampaignStatsTest {

    private static CampaignLogEntry entry(CampaignOutcome outcome) {
        return CampaignLogEntry.newBuilder().setCampaignId("promo").setCampaignEventId("send").setContactId("c")
                .setEventTime(Instant.EPOCH).setOutcome(outcome).build();
    }

    @Test
    void aSuppressedSendNoLongerCountsAsExecuted() throws Exception {
        DeliveryResult dnc = DeliveryResult.newBuilder().setCommandId("s2").setContactId("c2").setEventTime(Instant.EPOCH)
                .setStatus(DeliveryStatus.SUPPRESSED).setDetail("do not contact").setChannel(Channel.EMAIL).setEmailId("promo")
                .setCampaignId("promo").setCampaignEventId("send").build();
        assertThat(SuppressedSends.suppressed(dnc)).isTrue();
        CampaignLogEntry suppressed = SuppressedSends.logEntry(dnc);
        assertThat(suppressed.getOutcome()).isEqualTo(CampaignOutcome.SUPPRESSED);
        assertThat(suppressed.getDetail()).isEqualTo("do not contact");

        List<CampaignOutcomeDelta> deltas = new ArrayList<>();
        Collector<CampaignOutcomeDelta> collect = new Collector<>() {
            @Override
            public void collect(CampaignOutcomeDelta d) {
                deltas.add(d);
            }

            @Override
            public void close() {}
        };
        for (CampaignLogEntry e : List.of(entry(CampaignOutcome.EXECUTED), entry(CampaignOutcome.EXECUTED), suppressed)) {
            CampaignOutcomeDelta.of(e, collect);
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, CampaignOutcomeDelta, CampaignEventCount> stats =
                     new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new CampaignStats()), CampaignOutcomeDelta::key, Types.STRING)) {
            stats.open();
            for (CampaignOutcomeDelta d : deltas) {
                stats.processElement(new StreamRecord<>(d, 0));
            }
            Map<String, Long> latest = new HashMap<>();
            Map<String, Long> versions = new HashMap<>();
            stats.extractOutputValues().forEach(c -> {
                // Cassandra keeps the write with the highest timestamp (the version): it must be the latest count.
                assertThat(c.version).as(c.outcome + " version").isGreaterThan(versions.getOrDefault(c.outcome, 0L));
                versions.put(c.outcome, c.version);
                latest.put(c.outcome, c.count);
            });
            assertThat(latest).containsExactlyInAnyOrderEntriesOf(Map.of("EXECUTED", 1L, "SUPPRESSED", 1L));
            assertThat(versions).containsEntry("EXECUTED", 3L);
        }
        DeliveryResult sent = DeliveryResult.newBuilder(dnc).setStatus(DeliveryStatus.SENT).build();
        assertThat(SuppressedSends.suppressed(sent)).isFalse();
    }
}
