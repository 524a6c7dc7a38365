package io.leadstream.jobs.identity;

import io.leadstream.common.ids.IdentityIds;
import io.leadstream.schemas.engine.IdentityChange;
import io.leadstream.schemas.engine.IdentityChangeKind;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by identifier ({@code email:x@y}). The owner is the base contact of the device that made
 * the earliest FIRST claim of the identifier: a minimum, so arrival order does not matter. Every
 * other first claimer's base contact, and the identifier's own placeholder id, are merged into the
 * owner; an earlier claim arriving late takes ownership and the previous owner merges into it.
 * Devices that switch to this identifier later in their life are re-pointed, not merged.
 * Emits the identity changelog (docs/identity.md).
 */
public final class IdentifierOwner extends KeyedProcessFunction<String, Claim, IdentityChange> {
    private static final long serialVersionUID = 1L;

    static {
        // Flink's Avro serializer loads our record classes: Avro 1.12 only loads trusted ones.
        io.leadstream.schemas.codec.TrustedRecords.install();
    }

    private transient MapState<String, ClaimRef> firstClaims;
    private transient ValueState<ClaimRef> owner;
    private transient ValueState<Boolean> selfIdentified;
    private transient ValueState<Long> erasedAt;

    @Override
    public void open(OpenContext openContext) {
        firstClaims = getRuntimeContext().getMapState(new MapStateDescriptor<>("first-claims", Types.STRING, TypeInformation.of(ClaimRef.class)));
        owner = getRuntimeContext().getState(new ValueStateDescriptor<>("owner", TypeInformation.of(ClaimRef.class)));
        selfIdentified = getRuntimeContext().getState(new ValueStateDescriptor<>("self-identified", Types.BOOLEAN));
        erasedAt = getRuntimeContext().getState(new ValueStateDescriptor<>("erased-at", Types.LONG));
    }

    @Override
    public void processElement(Claim claim, Context ctx, Collector<IdentityChange> out) throws Exception {
        String identifier = ctx.getCurrentKey();
        if (claim.erase) {
            // Its owner was erased. A claim made after this starts afresh (a new sign-up is a new contact);
            // one from before, arriving late, is dropped.
            firstClaims.clear();
            owner.clear();
            selfIdentified.clear();
            erasedAt.update(claim.time);
            return;
        }
        Long erased = erasedAt.value();
        if (erased != null && claim.time <= erased) {
            return;
        }
        boolean link = identifier.startsWith(IdentityIds.CONTACT_LINK + ":");
        if (claim.retract) {
            retract(identifier, claim, out);
        } else if (!claim.first) {
            if (!link && owner.value() == null && selfIdentified.value() == null) {
                selfIdentified.update(true);
                out.collect(change(IdentityChangeKind.IDENTIFIED, claim, identifier, IdentityIds.forIdentifier(identifier)).build());
            }
            out.collect(change(IdentityChangeKind.DEVICE_REPOINTED, claim, identifier, IdentityIds.forIdentifier(identifier))
                    .setDeviceId(claim.deviceId).build());
        } else if (link) {
            // A click token names the contact: the device's anonymous contact joins it.
            firstClaims.put(claim.deviceId, new ClaimRef(claim));
            String contact = IdentityIds.forIdentifier(identifier);
            // A contact clicking on its own device names the device's own contact: nothing to merge. Merging
            // a contact into itself would hand its campaign state to itself again and again, for ever.
            if (!contact.equals(IdentityIds.anon(claim.deviceId))) {
                out.collect(merged(claim, identifier, contact, IdentityIds.anon(claim.deviceId), 0L));
            }
            out.collect(linked(claim, identifier));
        } else {
            firstClaim(identifier, claim, out);
        }
    }

    private void firstClaim(String identifier, Claim claim, Collector<IdentityChange> out) throws Exception {
        ClaimRef known = firstClaims.get(claim.deviceId);
        if (known != null && known.time == claim.time && known.eventId.equals(claim.eventId)) {
            return; // a replayed claim: already decided
        }
        firstClaims.put(claim.deviceId, new ClaimRef(claim));
        ClaimRef current = owner.value();
        String anon = IdentityIds.anon(claim.deviceId);
        if (current == null || claim.before(current.time, current.eventId, current.deviceId)) {
            owner.update(new ClaimRef(claim));
            out.collect(change(IdentityChangeKind.IDENTIFIED, claim, identifier, anon).build());
            if (current != null && !current.deviceId.equals(claim.deviceId)) {
                out.collect(merged(current.asClaim(identifier), identifier, anon, IdentityIds.anon(current.deviceId), claim.time));
            }
            out.collect(merged(claim, identifier, anon, IdentityIds.forIdentifier(identifier), claim.time));
        } else if (!current.deviceId.equals(claim.deviceId)) {
            out.collect(merged(claim, identifier, IdentityIds.anon(current.deviceId), anon, current.time));
        }
        out.collect(linked(claim, identifier));
    }

    /** The device's first identifier turned out to be another one: it leaves this identifier's owners. */
    private void retract(String identifier, Claim claim, Collector<IdentityChange> out) throws Exception {
        firstClaims.remove(claim.deviceId);
        ClaimRef current = owner.value();
        if (current == null || !current.deviceId.equals(claim.deviceId)) {
            return;
        }
        ClaimRef next = null;
        for (Map.Entry<String, ClaimRef> e : firstClaims.entries()) {
            ClaimRef c = e.getValue();
            if (next == null || c.asClaim(identifier).before(next.time, next.eventId, next.deviceId)) {
                next = c;
            }
        }
        owner.update(next);
        if (next != null) {
            Claim nextClaim = next.asClaim(identifier);
            String anon = IdentityIds.anon(next.deviceId);
            out.collect(change(IdentityChangeKind.IDENTIFIED, nextClaim, identifier, anon).build());
            out.collect(merged(nextClaim, identifier, anon, IdentityIds.forIdentifier(identifier), next.time));
        }
    }

    private static IdentityChange merged(Claim cause, String identifier, String survivor, String loser, long ownerTime) {
        return change(IdentityChangeKind.MERGED, cause, identifier, survivor)
                .setMergedContactId(loser)
                .setOwnerTime(Instant.ofEpochMilli(ownerTime))
                .setChangeId("merged:" + loser + ">" + survivor + "@" + cause.eventId)
                .build();
    }

    private static IdentityChange linked(Claim claim, String identifier) {
        return change(IdentityChangeKind.DEVICE_LINKED, claim, identifier, IdentityIds.anon(claim.deviceId))
                .setDeviceId(claim.deviceId).build();
    }

    private static IdentityChange.Builder change(IdentityChangeKind kind, Claim cause, String identifier, String contact) {
        return IdentityChange.newBuilder()
                .setChangeId(kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + contact + "@" + cause.eventId)
                .setKind(kind)
                .setEventTime(Instant.ofEpochMilli(cause.time))
                .setContactId(contact)
                .setIdentifierField(IdentityIds.fieldOf(identifier))
                .setIdentifierValue(IdentityIds.valueOf(identifier))
                .setCauseEventId(cause.eventId);
    }
}
