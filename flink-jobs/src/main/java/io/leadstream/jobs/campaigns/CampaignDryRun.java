package io.leadstream.jobs.campaigns;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.jobs.contact.ContactReplay;
import io.leadstream.jobs.contact.ContactStage;
import io.leadstream.jobs.definitions.DefinitionJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs a campaign over a replay of what the engine recorded ({@link ContactReplay}), with nothing
 * sent and nothing written, with today's segments and point actions and this campaign (no other). Time is the recorded events' own: every wait falls due at its instant in the
 * replay, and steps due after the replay's last event run too (as if nothing else happened) unless
 * {@code until} cuts them off. Merges are left out: a replay of provisional ids runs each as its own
 * contact.
 */
public final class CampaignDryRun {
    /** A send the campaign would make. */
    public record Send(String contactId, String eventId, String what, Instant due) {}

    /** The sends in time order, and per event the count of each outcome (ENTERED under the empty event id). */
    public record Result(String campaignId, List<Send> sends, Map<String, Map<String, Long>> stats) {
        public long entered() {
            return stats.getOrDefault("", Map.of()).getOrDefault("ENTERED", 0L);
        }
    }

    private CampaignDryRun() {}

    public static Result run(LeadStreamConfig config, String campaignJson, Instant until) throws Exception {
        String campaignId = DefinitionJson.read(campaignJson, com.fasterxml.jackson.databind.JsonNode.class).path("id").asText();
        Map<String, String> definitions = ContactReplay.definitionsWith(config, CampaignDefinitions.KIND, campaignJson);
        StreamExecutionEnvironment env = ContactReplay.environment(config);
        ContactStage.Output out = ContactReplay.contactStage(env, config, definitions);
        TypeInformation<DryRunLine> line = TypeInformation.of(DryRunLine.class);
        DataStream<DryRunLine> lines = out.sends()
                .filter(s -> campaignId.equals(s.getCampaignId()))
                .map(s -> new DryRunLine(true, s.getContactId(), s.getCampaignEventId(),
                        s.getEmailId() != null ? "email " + s.getEmailId() : s.getChannel() + " " + s.getWebhookUrl(), s.getDueTime().toEpochMilli()), line)
                .union(out.campaignLog().filter(e -> campaignId.equals(e.getCampaignId()))
                        .map(e -> new DryRunLine(false, e.getContactId(), e.getCampaignEventId(), e.getOutcome().name(),
                                e.getEventTime().toEpochMilli()), line));
        long limit = until == null ? Long.MAX_VALUE : until.toEpochMilli();
        List<Send> sends = new ArrayList<>();
        Map<String, Map<String, Long>> stats = new TreeMap<>();
        try (CloseableIterator<DryRunLine> it = lines.executeAndCollect("dry-run-" + campaignId)) {
            while (it.hasNext()) {
                DryRunLine l = it.next();
                if (l.time > limit) {
                    continue;
                }
                if (l.send) {
                    sends.add(new Send(l.contactId, l.eventId, l.what, Instant.ofEpochMilli(l.time)));
                } else {
                    stats.computeIfAbsent(l.eventId, k -> new TreeMap<>()).merge(l.what, 1L, Long::sum);
                }
            }
        }
        sends.sort(Comparator.comparing(Send::due).thenComparing(Send::contactId).thenComparing(Send::eventId));
        return new Result(campaignId, sends, stats);
    }
}
