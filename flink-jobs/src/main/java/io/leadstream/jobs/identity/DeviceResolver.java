package io.leadstream.jobs.identity;

import io.leadstream.schemas.event.TrackingEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import io.leadstream.jobs.ErasureTombstone;
import io.leadstream.schemas.gdpr.ErasureMarkers;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by device. Holds each event until the watermark passes it, then handles the device's
 * events in event-time order: so within the watermark bound, arrival order does not change which
 * identifier came first. Emits every event with its provisional contact id, and a {@link Claim}
 * (side output) whenever the device states an identifier that changes its first or current one.
 * Events later than the watermark are handled at once; a late claim earlier than the device's
 * first identifier retracts that first claim.
 */
public final class DeviceResolver extends KeyedProcessFunction<String, TrackingEvent, TrackingEvent> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<Claim> CLAIMS = new OutputTag<>("identity-claims", TypeInformation.of(Claim.class));
    private static final Comparator<TrackingEvent> BY_EVENT_ID = Comparator.comparing(TrackingEvent::getEventId);

    static {
        // Flink's Avro serializer loads our record classes: Avro 1.12 only loads trusted ones.
        io.leadstream.schemas.codec.TrustedRecords.install();
    }

    private final IdentifierClaims claims;
    private transient MapState<Long, List<TrackingEvent>> pending;
    private transient ValueState<DeviceIdentity> identity;
    private transient ErasureTombstone tombstone;

    public DeviceResolver(IdentifierClaims claims) {
        this.claims = claims;
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG,
                new org.apache.flink.api.java.typeutils.ListTypeInfo<>(TypeInformation.of(TrackingEvent.class))));
        identity = getRuntimeContext().getState(new ValueStateDescriptor<>("identity", TypeInformation.of(new TypeHint<DeviceIdentity>() {})));
        tombstone = new ErasureTombstone(getRuntimeContext());
    }

    @Override
    public void processElement(TrackingEvent event, Context ctx, Collector<TrackingEvent> out) throws Exception {
        ErasureMarkers.Scope erasure = ErasureMarkers.scopeOf(event);
        if (erasure != null) {
            erase(event, erasure, ctx, out);
            return;
        }
        if (tombstone.erased()) {
            return; // an erased device (or contact, for server-side events): nothing of it comes back
        }
        long time = event.getEventTime().toEpochMilli();
        if (time <= ctx.timerService().currentWatermark()) {
            handle(event, true, ctx, out);
            return;
        }
        List<TrackingEvent> atTime = pending.get(time);
        if (atTime == null) {
            atTime = new ArrayList<>(1);
            ctx.timerService().registerEventTimeTimer(time);
        }
        atTime.add(event);
        pending.put(time, atTime);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TrackingEvent> out) throws Exception {
        List<TrackingEvent> due = pending.get(timestamp);
        if (due == null) {
            return;
        }
        pending.remove(timestamp);
        due.sort(BY_EVENT_ID);
        for (TrackingEvent event : due) {
            handle(event, false, ctx, out);
        }
    }

    /**
     * At once, not in event-time order: an erasure is not an event of the person. A device or
     * contact key forgets everything, events waiting included, and keeps a tombstone; a contact's
     * marker goes on so the contact-keyed stages forget it too; the identifier's marker becomes an
     * erasing claim for the identifier's owner.
     */
    private void erase(TrackingEvent marker, ErasureMarkers.Scope scope, Context ctx, Collector<TrackingEvent> out) throws Exception {
        long time = marker.getEventTime().toEpochMilli();
        if (scope == ErasureMarkers.Scope.IDENTIFIER) {
            String claimed = claims.of(marker);
            if (claimed != null) {
                ctx.output(CLAIMS, Claim.erasure(claimed, ctx.getCurrentKey(), time, marker.getEventId()));
            }
            return;
        }
        for (Long waiting : pending.keys()) {
            ctx.timerService().deleteEventTimeTimer(waiting);
        }
        pending.clear();
        identity.clear();
        tombstone.erase(time);
        if (scope == ErasureMarkers.Scope.CONTACT) {
            out.collect(marker); // it names its contact itself (contactId set)
        }
    }

    private void handle(TrackingEvent event, boolean late, Context ctx, Collector<TrackingEvent> out) throws Exception {
        String device = ctx.getCurrentKey();
        DeviceIdentity id = identity.value();
        if (id == null) {
            id = new DeviceIdentity();
        }
        String claimed = claims.of(event);
        if (claimed != null && update(id, claimed, device, event, late, ctx)) {
            identity.update(id);
        }
        // Set, not copied: the event is this function's alone (just deserialized, or taken out of
        // state, where the heap backend hands out a copy while a snapshot still reads the original).
        String named = NamedContact.of(event);
        event.setContactId(named != null ? named : id.contact(device));
        out.collect(event);
    }

    /** Applies a claim to the device's identity; true if the state changed. */
    private boolean update(DeviceIdentity id, String claimed, String device, TrackingEvent event, boolean late, Context ctx) {
        long time = event.getEventTime().toEpochMilli();
        String eventId = event.getEventId();
        if (id.first == null) {
            id.first = claimed;
            id.firstTime = time;
            id.firstEventId = eventId;
            id.current = claimed;
            id.currentTime = time;
            ctx.output(CLAIMS, new Claim(claimed, device, time, eventId, true, false));
            return true;
        }
        Claim incoming = new Claim(claimed, device, time, eventId, true, false);
        if (late && !claimed.equals(id.first) && incoming.before(id.firstTime, id.firstEventId, device)) {
            // Beyond the watermark bound: an earlier identifier surfaced. It becomes the first one.
            ctx.output(CLAIMS, new Claim(id.first, device, id.firstTime, id.firstEventId, false, true));
            ctx.output(CLAIMS, incoming);
            id.first = claimed;
            id.firstTime = time;
            id.firstEventId = eventId;
            return true;
        }
        if (claimed.equals(id.current) || (late && time < id.currentTime)) {
            return false;
        }
        id.current = claimed;
        id.currentTime = time;
        ctx.output(CLAIMS, new Claim(claimed, device, time, eventId, false, false));
        return true;
    }
}
