package io.leadstream.sink.cassandra;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** A committable (a checkpoint's elements) in checkpoint state: a count, then each element with the element type's serializer. */
final class ElementListSerializer<T> implements SimpleVersionedSerializer<List<T>> {
    private final TypeSerializer<T> elements;

    ElementListSerializer(TypeSerializer<T> elements) {
        this.elements = elements;
    }

    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(List<T> batch) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeInt(batch.size());
        for (T element : batch) {
            elements.serialize(element, out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public List<T> deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1) {
            throw new IOException("unknown committable version " + version);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int size = in.readInt();
        List<T> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            batch.add(elements.deserialize(in));
        }
        return batch;
    }
}
