package io.leadstream.gateway.contacts;

import io.leadstream.gateway.contacts.SegmentStore.BackfillPart;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A segment's latest backfill as the API shows it, from the engine subtasks' reports: the newest
 * revision any subtask reported, and that revision's parts. Done when every subtask has reported
 * it finished; until then the contacts count grows as subtasks report.
 */
public record BackfillStatus(String segment, long revision, int subtasks, List<BackfillPart> parts) {

    /** Null when no subtask has reported a backfill of the segment. */
    static BackfillStatus of(String segment, List<BackfillPart> reports) {
        if (reports.isEmpty()) {
            return null;
        }
        long revision = reports.stream().mapToLong(BackfillPart::revision).max().orElseThrow();
        List<BackfillPart> parts = reports.stream().filter(p -> p.revision() == revision)
                .sorted(Comparator.comparingInt(BackfillPart::subtask)).toList();
        int subtasks = parts.stream().mapToInt(BackfillPart::subtasks).max().orElse(0);
        return new BackfillStatus(segment, revision, subtasks, parts);
    }

    boolean done() {
        return parts.size() == subtasks && parts.stream().allMatch(p -> p.finishedAt() != null);
    }

    long contacts() {
        return parts.stream().mapToLong(BackfillPart::contacts).sum();
    }

    JsonObject toJson() {
        Instant started = parts.stream().map(BackfillPart::startedAt).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
        Instant finished = done() ? parts.stream().map(BackfillPart::finishedAt).max(Comparator.naturalOrder()).orElse(null) : null;
        JsonArray partsJson = new JsonArray();
        for (BackfillPart p : parts) {
            partsJson.add(new JsonObject().put("subtask", p.subtask()).put("contacts", p.contacts())
                    .put("done", p.finishedAt() != null));
        }
        return new JsonObject()
                .put("segment", segment)
                .put("revision", revision)
                .put("done", done())
                .put("contacts", contacts())
                .put("subtasks", subtasks)
                .put("subtasksReported", parts.size())
                .put("startedAt", started == null ? null : started.toString())
                .put("finishedAt", finished == null ? null : finished.toString())
                .put("millis", started == null || finished == null ? null : Duration.between(started, finished).toMillis())
                .put("parts", partsJson);
    }
}
