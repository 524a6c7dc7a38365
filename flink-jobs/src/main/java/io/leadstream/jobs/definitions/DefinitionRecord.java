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
    /** The record's offset in the definitions topic (-1 when it did not come from there): what the API calls the revision. */
    public long revision = -1;

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
