package io.leadstream.schemas.codec;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The one wire format of LeadStream: Avro single-object encoding (2-byte marker, the writer
 * schema's 64-bit fingerprint, then the binary body). The gateway, the Flink jobs and the send
 * workers all encode and decode through this class.
 *
 * <p>Decoding resolves the writer schema from the fingerprint: the current schema and every
 * historical version registered in {@link SchemaHistory}, so records written by an older producer
 * are read with today's classes (new fields take their defaults).
 *
 * <p>Thread-safe; Avro's message encoder and decoder keep per-thread buffers.
 */
public final class AvroCodec<T extends SpecificRecord> implements Serializable {
    private static final long serialVersionUID = 1L;

    static {
        TrustedRecords.install();
    }

    private final Class<T> type;
    private transient BinaryMessageEncoder<T> encoder;
    private transient BinaryMessageDecoder<T> decoder;

    private AvroCodec(Class<T> type) {
        this.type = Objects.requireNonNull(type);
    }

    /** A codec that knows the current schema of {@code type} and its registered history. */
    public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type) {
        return new AvroCodec<>(type);
    }

    public Class<T> type() {
        return type;
    }

    public Schema schema() {
        return SpecificData.get().getSchema(type);
    }

    public byte[] encode(T record) {
        try {
            ByteBuffer buffer = encoder().encode(record);
            byte[] out = new byte[buffer.remaining()];
            buffer.get(out);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode " + type.getSimpleName(), e);
        }
    }

    /**
     * Decodes a single-object-encoded record.
     *
     * @throws InvalidRecordException when the bytes are not a record of a known version of this
     *     type: a bad header, an unknown fingerprint, or a truncated body.
     */
    public T decode(byte[] bytes) {
        if (bytes == null) {
            throw new InvalidRecordException("null payload for " + type.getSimpleName());
        }
        try {
            return decoder().decode(bytes);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new InvalidRecordException("Not a valid " + type.getSimpleName() + " record: " + e.getMessage(), e);
        }
    }

    private BinaryMessageEncoder<T> encoder() {
        if (encoder == null) {
            encoder = new BinaryMessageEncoder<>(SpecificData.getForClass(type), schema());
        }
        return encoder;
    }

    private BinaryMessageDecoder<T> decoder() {
        if (decoder == null) {
            Schema current = schema();
            SchemaStore.Cache store = new SchemaStore.Cache();
            BinaryMessageDecoder<T> d = new BinaryMessageDecoder<>(SpecificData.getForClass(type), current, store);
            for (Schema old : SchemaHistory.versionsOf(current.getFullName())) {
                d.addSchema(old);
            }
            decoder = d;
        }
        return decoder;
    }
}
