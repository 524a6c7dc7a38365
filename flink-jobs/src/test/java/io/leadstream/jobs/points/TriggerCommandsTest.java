package io.leadstream.jobs.points;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.schemas.engine.CampaignCommand;
import io.leadstream.schemas.engine.PointTriggerFired;
import io.leadstream.schemas.engine.SendCommand;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class TriggerCommandsTest {
    private static final Instant T = Instant.parse("2026-11-24T02:00:00Z");

    private static PointTriggerFired fired(String firing) {
        return PointTriggerFired.newBuilder().setFiringId(firing).setContactId("c1").setTriggerId("mql").setEventTime(T).setScore(120)
                .setActions("[{\"type\": \"segment_add\", \"segment\": \"mql\"}, {\"type\": \"send_email\", \"email\": \"welcome\"},"
                        + " {\"type\": \"campaign_add\", \"campaign\": \"nurture\"}, {\"type\": \"campaign_remove\", \"campaign\": \"cold\"}]")
                .build();
    }

    @Test
    void emailAndCampaignActionsBecomeCommandsWithIdsThatAReplayRepeats() throws Exception {
        try (OneInputStreamOperatorTestHarness<PointTriggerFired, SendCommand> harness =
                     ProcessFunctionTestHarnesses.forProcessFunction(new TriggerCommands())) {
            harness.processElement(fired("mql:c1@e7"), T.toEpochMilli());
            harness.processElement(fired("mql:c1@e7"), T.toEpochMilli()); // the same firing, replayed
            harness.processElement(fired("mql:c1@e9"), T.toEpochMilli()); // a later firing (re-armed)

            List<SendCommand> sends = harness.extractOutputValues();
            assertThat(sends).extracting(s -> s.getEmailId() + " " + s.getContactId() + " " + s.getDueTime())
                    .containsOnly("welcome c1 " + T);
            assertThat(sends).hasSize(3);
            List<CampaignCommand> campaigns = harness.getSideOutput(TriggerCommands.CAMPAIGN_COMMANDS).stream()
                    .map(StreamRecord::getValue).toList();
            assertThat(campaigns).extracting(c -> c.getAction() + " " + c.getCampaignId() + " " + c.getSource())
                    .containsExactly("ADD nurture trigger:mql", "REMOVE cold trigger:mql", "ADD nurture trigger:mql", "REMOVE cold trigger:mql",
                            "ADD nurture trigger:mql", "REMOVE cold trigger:mql");
            // A replay repeats ids; another firing does not.
            assertThat(sends.get(0).getCommandId()).isEqualTo(sends.get(1).getCommandId()).isNotEqualTo(sends.get(2).getCommandId());
            assertThat(campaigns.get(0).getCommandId()).isEqualTo(campaigns.get(2).getCommandId())
                    .isNotEqualTo(campaigns.get(1).getCommandId()).isNotEqualTo(campaigns.get(4).getCommandId());
        }
    }
}
