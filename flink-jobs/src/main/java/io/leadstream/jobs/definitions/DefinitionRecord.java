package io.leadstream.jobs.definitions;

import io.leadstream.common.config.TopicNames;

/**
 * One record of the compacted definitions topic: {@code kind/id} and the JSON document, or no
 * document when the definition was deleted. A Flink POJO, broadcast to every contact-keyed stage.
 */
public class DefinitionRecord {
    public String kind;
    public String id;
    /** Null: deleted. */
    public String json;

    public DefinitionRecord() {}

    public DefinitionRecord(String kind, String id, String json) {
        this.kind = kind;
        this.id = id;
        this.json = json;
    }

    public String key() {
        return TopicNames.definitionKey(kind, id);
    }

    @Override
    public String toString() {
        return key() + (json == null ? " (deleted)" : "");
    }
}
