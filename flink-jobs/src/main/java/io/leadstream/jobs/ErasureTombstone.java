package io.leadstream.jobs;

import io.leadstream.schemas.gdpr.ErasureMarkers;
import io.leadstream.schemas.event.TrackingEvent;
import java.io.IOException;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * All a keyed stage keeps of an erased key: when it was erased. The stage drops the key's other
 * state on the erasure marker, then every later signal of the key, so late or replayed events
 * cannot bring the person back (docs/gdpr.md).
 */
public final class ErasureTombstone {
    private final ValueState<Long> erasedAt;

    public ErasureTombstone(RuntimeContext ctx) {
        this.erasedAt = ctx.getState(new ValueStateDescriptor<>("erased-at", Types.LONG));
    }

    public boolean erased() throws IOException {
        return erasedAt.value() != null;
    }

    public void erase(long at) throws IOException {
        erasedAt.update(at);
    }

    /** A contact-scoped erasure marker: what makes a contact-keyed stage forget its key. */
    public static boolean erasesContact(TrackingEvent event) {
        return event != null && ErasureMarkers.scopeOf(event) == ErasureMarkers.Scope.CONTACT;
    }
}
