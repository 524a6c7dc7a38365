package io.leadstream.jobs.identity;

import io.leadstream.common.ids.IdentityIds;
import io.leadstream.schemas.event.TrackingEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules of docs/identity.md computed the simple way, over the whole input at once: each
 * device's events in event-time order, then ownership per identifier. The IT compares the
 * streaming engine's Cassandra output with this.
 */
public final class IdentityReferenceModel {
    public final Map<String, String> contactOfEvent = new HashMap<>();
    final Map<String, String> currentContactOfDevice = new HashMap<>();
    public final Map<String, String> aliases = new HashMap<>();

    public IdentityReferenceModel(List<TrackingEvent> events, IdentifierClaims claims) {
        Map<String, List<TrackingEvent>> byDevice = new HashMap<>();
        events.forEach(e -> byDevice.computeIfAbsent(IdentifierClaims.deviceKey(e), k -> new ArrayList<>()).add(e));
        Map<String, Claim> owners = new TreeMap<>();
        Map<String, List<Claim>> firstClaims = new HashMap<>();
        Map<String, Boolean> claimedAtAll = new HashMap<>();
        byDevice.forEach((device, list) -> {
            list.sort(Comparator.comparing((TrackingEvent e) -> e.getEventTime()).thenComparing(TrackingEvent::getEventId));
            DeviceIdentity id = new DeviceIdentity();
            for (TrackingEvent e : list) {
                String claimed = claims.of(e);
                if (claimed != null) {
                    claimedAtAll.put(claimed, true);
                    if (id.first == null) {
                        id.first = claimed;
                        id.current = claimed;
                        Claim c = new Claim(claimed, device, e.getEventTime().toEpochMilli(), e.getEventId(), true, false);
                        firstClaims.computeIfAbsent(claimed, k -> new ArrayList<>()).add(c);
                        Claim owner = owners.get(claimed);
                        if (owner == null || c.before(owner.time, owner.eventId, owner.deviceId)) {
                            owners.put(claimed, c);
                        }
                    } else {
                        id.current = claimed;
                    }
                }
                contactOfEvent.put(e.getEventId(), id.contact(device));
            }
            currentContactOfDevice.put(device, id.contact(device));
        });
        owners.forEach((identifier, owner) -> {
            String survivor = IdentityIds.anon(owner.deviceId);
            aliases.put(IdentityIds.forIdentifier(identifier), survivor);
            for (Claim c : firstClaims.get(identifier)) {
                if (!c.deviceId.equals(owner.deviceId)) {
                    aliases.put(IdentityIds.anon(c.deviceId), survivor);
                }
            }
        });
    }

    public String resolve(String contact) {
        return Aliases.resolve(aliases, contact);
    }
}
