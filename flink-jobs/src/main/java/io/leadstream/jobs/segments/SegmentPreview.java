package io.leadstream.jobs.segments;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.jobs.contact.ContactReplay;
import io.leadstream.jobs.definitions.DefinitionJson;
import io.leadstream.schemas.engine.MembershipChangeKind;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Who a segment as written (saved or not) would hold: the engine's own filters run over a replay of
 * what it recorded ({@link ContactReplay}), with today's other segments and point definitions and
 * no campaign, so a draft's count is the engine's, behaviour history included. Membership is as of
 * the replay's last event; hand-made additions are not replayed, and each provisional id counts as
 * its own contact.
 */
public final class SegmentPreview {
    /** How many would be members, and the first of them by id. */
    public record Result(String segmentId, long members, List<String> sample) {}

    private SegmentPreview() {}

    public static Result run(LeadStreamConfig config, String segmentJson, int sampleSize) throws Exception {
        String segmentId = DefinitionJson.read(segmentJson, com.fasterxml.jackson.databind.JsonNode.class).path("id").asText();
        Map<String, String> definitions = ContactReplay.definitionsWith(config, SegmentDefinitions.KIND, segmentJson);
        StreamExecutionEnvironment env = ContactReplay.environment(config);
        // The latest change of each contact (by its per-contact version) says whether it is in at the end.
        Map<String, SegmentMembershipChange> latest = new TreeMap<>();
        try (CloseableIterator<SegmentMembershipChange> it = ContactReplay.contactStage(env, config, definitions).segmentChanges()
                .filter(c -> segmentId.equals(c.getSegmentId())).executeAndCollect("segment-preview-" + segmentId)) {
            while (it.hasNext()) {
                SegmentMembershipChange c = it.next();
                latest.merge(c.getContactId(), c, (a, b) -> b.getVersion() >= a.getVersion() ? b : a);
            }
        }
        List<String> members = latest.values().stream().filter(c -> c.getKind() == MembershipChangeKind.ENTERED)
                .map(SegmentMembershipChange::getContactId).toList();
        return new Result(segmentId, members.size(), members.stream().limit(sampleSize).toList());
    }
}
