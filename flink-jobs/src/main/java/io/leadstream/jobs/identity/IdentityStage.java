package io.leadstream.jobs.identity;

import io.leadstream.schemas.engine.IdentityChange;
import io.leadstream.schemas.event.TrackingEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Identity resolution: device-keyed raw events in, contact-keyed events and the identity changelog
 * out. Claims travel from the device key to the identifier key as messages (a forward edge: no
 * cycle, no shared state).
 */
public final class IdentityStage {
    private IdentityStage() {}

    public record Output(DataStream<TrackingEvent> contactEvents, DataStream<IdentityChange> changes) {}

    public static Output apply(DataStream<TrackingEvent> raw, IdentifierClaims claims) {
        SingleOutputStreamOperator<TrackingEvent> contactEvents = raw
                .keyBy(IdentifierClaims::deviceKey)
                .process(new DeviceResolver(claims), TypeInformation.of(TrackingEvent.class))
                .name("identity-device-resolver").uid("identity-device-resolver");
        DataStream<IdentityChange> changes = contactEvents.getSideOutput(DeviceResolver.CLAIMS)
                .keyBy(claim -> claim.identifier)
                .process(new IdentifierOwner(), TypeInformation.of(IdentityChange.class))
                .name("identity-identifier-owner").uid("identity-identifier-owner");
        return new Output(contactEvents, changes);
    }
}
