package io.leadstream.jobs.contact;

import io.leadstream.jobs.definitions.DefinitionJson;
import io.leadstream.jobs.definitions.DefinitionsBroadcast;
import java.util.HashMap;
import java.util.Map;

/** Lifecycle stages (definitions of kind {@code stages}) by id: what a stage change checks its weight against. */
record StageDefinitions(Map<String, Stage> byId) {
    static final String KIND = "stages";

    record Stage(String id, String name, Integer weight, Boolean published) {
        boolean open() {
            return !Boolean.FALSE.equals(published);
        }

        int rank() {
            return weight == null ? 0 : weight;
        }
    }

    static StageDefinitions from(Iterable<Map.Entry<String, String>> definitions) {
        Map<String, Stage> out = new HashMap<>();
        DefinitionsBroadcast.compile(definitions, KIND, json -> DefinitionJson.read(json, Stage.class)).forEach(s -> out.put(s.id(), s));
        return new StageDefinitions(Map.copyOf(out));
    }

    /**
     * Whether an action may move a contact from {@code current} to {@code target}: the target is a
     * published stage, and not behind the current one (a stage no longer defined holds no one back).
     */
    boolean forward(String current, String target) {
        Stage to = byId.get(target);
        if (to == null || !to.open() || target.equals(current)) {
            return false;
        }
        Stage from = current == null ? null : byId.get(current);
        return from == null || to.rank() >= from.rank();
    }
}
