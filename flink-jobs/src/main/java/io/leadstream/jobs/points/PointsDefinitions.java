package io.leadstream.jobs.points;

import io.leadstream.jobs.definitions.DefinitionJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enabled point actions (by event type) and triggers, compiled from the broadcast definitions:
 * patterns and windows parsed once per change of the definitions, not per event.
 */
final class PointsDefinitions {
    private static final Logger LOG = LoggerFactory.getLogger(PointsDefinitions.class);
    static final String ACTIONS = "point-actions";
    static final String TRIGGERS = "point-triggers";

    /** A point action ready to match events. */
    record Action(PointActionDef def, UrlPattern url, Duration window) {}

    /** A trigger with its actions as JSON, as they go out when it fires. */
    record Trigger(PointTriggerDef def, String actionsJson) {}

    private final Map<String, List<Action>> actionsByType = new HashMap<>();
    private final List<Trigger> triggers = new ArrayList<>();

    /**
     * From the broadcast state's entries ({@code kind/id} → JSON), in key order: actions and
     * triggers apply in id order, so every replay and every subtask produce the same changes.
     */
    static PointsDefinitions from(Iterable<Map.Entry<String, String>> definitions) {
        PointsDefinitions out = new PointsDefinitions();
        Map<String, String> sorted = new TreeMap<>();
        definitions.forEach(e -> sorted.put(e.getKey(), e.getValue()));
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            String key = e.getKey();
            try {
                if (key.startsWith(ACTIONS + "/")) {
                    PointActionDef def = DefinitionJson.read(e.getValue(), PointActionDef.class);
                    if (def.isEnabled()) {
                        out.actionsByType.computeIfAbsent(def.type(), t -> new ArrayList<>()).add(new Action(def,
                                def.url() == null ? null : new UrlPattern(def.url()), DefinitionJson.duration(def.window())));
                    }
                } else if (key.startsWith(TRIGGERS + "/")) {
                    PointTriggerDef def = DefinitionJson.read(e.getValue(), PointTriggerDef.class);
                    if (def.isEnabled()) {
                        out.triggers.add(new Trigger(def, DefinitionJson.write(def.actions())));
                    }
                }
            } catch (RuntimeException ex) {
                // The gateway validates; a document that still does not parse must not stop scoring.
                LOG.warn("Ignored definition {}: {}", key, ex.getMessage());
            }
        }
        return out;
    }

    List<Action> actions(String type) {
        return actionsByType.getOrDefault(type, List.of());
    }

    /** Triggers watching the score of {@code group} (null: the total). */
    List<Trigger> triggers(String group) {
        return triggers.stream().filter(t -> Objects.equals(t.def().group(), group)).toList();
    }
}
