package io.leadstream.jobs.points;

/** A point action as defined (schemas: point-actions.schema.json). */
public record PointActionDef(String id, String name, Boolean enabled, String type, int points, String group,
                             boolean repeatable, String url, String rule, Integer hits, String window,
                             String email, String form, String asset) {

    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    public String ruleOrAny() {
        return rule == null ? "any" : rule;
    }
}
