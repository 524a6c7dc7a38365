package io.leadstream.jobs.definitions;

import io.leadstream.common.config.TopicNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The broadcast state every contact-keyed stage keeps of the definitions: {@code kind/id} → JSON. */
public final class DefinitionsBroadcast {
    private static final Logger LOG = LoggerFactory.getLogger(DefinitionsBroadcast.class);

    public static final MapStateDescriptor<String, String> STATE =
            new MapStateDescriptor<>("definitions", Types.STRING, Types.STRING);

    private DefinitionsBroadcast() {}

    /** Stores the record's document, or removes it when the definition was deleted. */
    public static void apply(BroadcastState<String, String> state, DefinitionRecord definition) throws Exception {
        if (definition.json == null) {
            state.remove(definition.key());
        } else {
            state.put(definition.key(), definition.json);
        }
    }

    /**
     * The documents of one kind, in id order (so every replay and every subtask applies them in the
     * same order), each turned into what a stage uses by {@code compile}; null from it leaves the
     * definition out (disabled). The gateway validates documents; one that still does not compile
     * is logged and left out rather than stopping the stage.
     */
    public static <T> List<T> compile(Iterable<Map.Entry<String, String>> entries, String kind, Function<String, T> compile) {
        String prefix = TopicNames.definitionKey(kind, "");
        Map<String, String> sorted = new TreeMap<>();
        entries.forEach(e -> {
            if (e.getKey().startsWith(prefix)) {
                sorted.put(e.getKey(), e.getValue());
            }
        });
        List<T> out = new ArrayList<>();
        sorted.forEach((key, json) -> {
            try {
                T compiled = compile.apply(json);
                if (compiled != null) {
                    out.add(compiled);
                }
            } catch (RuntimeException e) {
                LOG.warn("Ignored definition {}: {}", key, e.getMessage());
            }
        });
        return out;
    }
}
