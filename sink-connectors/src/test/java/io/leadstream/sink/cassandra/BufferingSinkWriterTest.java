package io.leadstream.sink.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.junit.jupiter.api.Test;

class BufferingSinkWriterTest {

    @Test
    void aCheckpointsElementsAreHandedOverOnceTheNewestPerKeyWhenCoalescing() throws Exception {
        BufferingSinkWriter<String> writer = new BufferingSinkWriter<>(s -> s.split("=")[0]);
        for (String s : List.of("a=1", "b=1", "a=2", "c=1", "b=2")) {
            writer.write(s, null);
        }
        assertThat(writer.prepareCommit()).as("in the order of each key's newest element").containsExactly(List.of("a=2", "c=1", "b=2"));
    }

    @Test
    void withoutAKeyEveryElementIsHandedOverInOrderAndAnEmptyCheckpointHandsNothing() throws Exception {
        BufferingSinkWriter<String> writer = new BufferingSinkWriter<>(null);
        writer.write("x", null);
        writer.write("x", null);
        assertThat(writer.prepareCommit()).containsExactly(List.of("x", "x"));
        assertThat(writer.prepareCommit()).isEmpty();
    }

    @Test
    void elementsWithoutAKeyAreAllKeptBesideTheNewestOfThoseWithOne() throws Exception {
        BufferingSinkWriter<String> writer = new BufferingSinkWriter<>(s -> s.contains("=") ? s.split("=")[0] : null);
        for (String s : List.of("view=1", "log", "view=2", "log")) {
            writer.write(s, null);
        }
        assertThat(writer.prepareCommit()).containsExactly(List.of("log", "log", "view=2"));
    }

    @Test
    void aCommittableSurvivesCheckpointState() throws Exception {
        ElementListSerializer<String> serializer = new ElementListSerializer<>(Types.STRING.createSerializer(new SerializerConfigImpl()));
        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(List.of("a", "b")))).containsExactly("a", "b");
    }
}
