package io.leadstream.jobs.definitions;

import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/** The broadcast state every contact-keyed stage keeps of the definitions: {@code kind/id} → JSON. */
public final class DefinitionsBroadcast {
    public static final MapStateDescriptor<String, String> STATE =
            new MapStateDescriptor<>("definitions", Types.STRING, Types.STRING);

    private DefinitionsBroadcast() {}
}
