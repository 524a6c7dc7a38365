package io.leadstream.jobs.points;

import com.fasterxml.jackson.databind.JsonNode;

/** A point trigger as defined (schemas: point-triggers.schema.json). */
public record PointTriggerDef(String id, String name, Boolean enabled, int threshold, String group, String rearm, JsonNode actions) {

    boolean isEnabled() {
        return enabled == null || enabled;
    }

    /** "below": fires again once the score has dropped under the threshold; otherwise once per contact. */
    public boolean rearmsBelow() {
        return "below".equals(rearm);
    }
}
