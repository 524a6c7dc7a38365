package io.leadstream.launcher;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.gateway.definitions.SegmentPreviews;
import io.leadstream.jobs.segments.SegmentPreview;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Segment previews for the gateway's API, counted on a Flink environment of this process (as {@link DryRunJson}'s dry runs). */
final class SegmentPreviewJson {
    static final int SAMPLE = 20;

    private SegmentPreviewJson() {}

    static SegmentPreviews runner(LeadStreamConfig config) {
        return segment -> {
            SegmentPreview.Result r = SegmentPreview.run(config, segment.encode(), SAMPLE);
            return new JsonObject().put("segment", r.segmentId()).put("members", r.members()).put("sample", new JsonArray(r.sample()))
                    .put("over", "recorded events");
        };
    }
}
