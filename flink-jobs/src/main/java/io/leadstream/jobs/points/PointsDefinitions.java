package io.leadstream.jobs.points;

import io.leadstream.jobs.definitions.DefinitionJson;
import io.leadstream.jobs.definitions.DefinitionsBroadcast;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The enabled point actions (by event type) and triggers, compiled from the broadcast definitions:
 * patterns and windows parsed once per change of the definitions, not per event.
 */
public final class PointsDefinitions {
    public static final String ACTIONS = "point-actions";
    public static final String TRIGGERS = "point-triggers";

    /** A point action ready to match events. */
    public record Action(PointActionDef def, UrlPattern url, Duration window) {}

    /** A trigger with its actions as JSON, as they go out when it fires. */
    public record Trigger(PointTriggerDef def, String actionsJson) {}

    private final Map<String, List<Action>> actionsByType = new HashMap<>();
    private final Map<String, List<Trigger>> triggersByGroup = new HashMap<>();

    /** From the broadcast state's entries ({@code kind/id} → JSON); actions and triggers apply in id order. */
    public static PointsDefinitions from(Iterable<Map.Entry<String, String>> definitions) {
        PointsDefinitions out = new PointsDefinitions();
        for (Action action : DefinitionsBroadcast.compile(definitions, ACTIONS, PointsDefinitions::action)) {
            out.actionsByType.computeIfAbsent(action.def().type(), t -> new ArrayList<>()).add(action);
        }
        for (Trigger trigger : DefinitionsBroadcast.compile(definitions, TRIGGERS, PointsDefinitions::trigger)) {
            out.triggersByGroup.computeIfAbsent(groupKey(trigger.def().group()), g -> new ArrayList<>()).add(trigger);
        }
        return out;
    }

    private static Action action(String json) {
        PointActionDef def = DefinitionJson.read(json, PointActionDef.class);
        if ("page_hit".equals(def.type()) && def.url() == null) {
            throw new IllegalArgumentException("a page_hit action needs a url pattern");
        }
        return def.isEnabled()
                ? new Action(def, def.url() == null ? null : new UrlPattern(def.url()), DefinitionJson.duration(def.window()))
                : null;
    }

    private static Trigger trigger(String json) {
        PointTriggerDef def = DefinitionJson.read(json, PointTriggerDef.class);
        return def.isEnabled() ? new Trigger(def, DefinitionJson.write(def.actions())) : null;
    }

    /** Page hit actions by URL they match, remembered up to a bound (a site has far fewer pages than hits). */
    private final Map<String, List<Action>> pageActions = new HashMap<>();

    /** The enabled actions the event is about, in id order. */
    public List<Action> matching(ScoredEvent event) {
        if (!"page_hit".equals(event.type())) {
            return actions(event.type()).stream().filter(a -> event.about(a.url(), a.def().email(), a.def().form(), a.def().asset())).toList();
        }
        if (pageActions.size() >= 10_000) {
            pageActions.clear();
        }
        return pageActions.computeIfAbsent(event.target() == null ? "" : event.target(),
                url -> actions("page_hit").stream().filter(a -> event.about(a.url(), null, null, null)).toList());
    }

    List<Action> actions(String type) {
        return actionsByType.getOrDefault(type, List.of());
    }

    /** Triggers watching the score of {@code group} (null: the total). */
    public List<Trigger> triggers(String group) {
        return triggersByGroup.getOrDefault(groupKey(group), List.of());
    }

    /** The total's score has no group: keyed "" here, as in the scores state. */
    private static String groupKey(String group) {
        return group == null ? "" : group;
    }
}
