package io.leadstream.gateway;

import io.leadstream.schemas.event.EventContext;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.Map;

/** Builds envelope events from HTTP requests; the server's clock stamps event time. */
final class TrackingEvents {
    private static final java.util.regex.Pattern CONTACT_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private final Clock clock;
    private final ClientInfo clients;
    private final FieldAdmission fields;
    private final DeviceIds devices;

    TrackingEvents(Clock clock, ClientInfo clients, FieldAdmission fields, DeviceIds devices) {
        this.devices = devices;
        this.clock = clock;
        this.clients = clients;
        this.fields = fields;
    }

    /** {@code event} with only the contact fields {@code caller} may set, in their stored form (see {@link FieldAdmission}). */
    TrackingEvent admitFields(TrackingEvent event, FieldAdmission.Caller caller) {
        return fields == null ? event : fields.admit(event, caller);
    }

    ClientInfo clients() {
        return clients;
    }

    EventContext context(HttpServerRequest request, TrackerParameters params) {
        String ip = clients.clientIp(request);
        String userAgent = request.getHeader("User-Agent");
        String reason = clients.nonTrackableReason(ip, userAgent);
        return EventContext.newBuilder()
                .setIp(clients.storedIp(ip))
                .setUserAgent(userAgent)
                .setTrackable(reason == null)
                .setNonTrackableReason(reason)
                .setPageLanguage(params.get("page_language"))
                .setTimezone(params.get("timezone"))
                .setTimezoneOffset(offset(params.getInt("timezone_offset")))
                .setPreferredLocale(io.leadstream.definitions.FieldValues.locale(params.get("preferred_locale")).orElse(null))
                .build();
    }

    /** A UTC offset in minutes that exists on Earth (UTC-12 to UTC+14), else none. */
    private static Integer offset(Integer minutes) {
        return minutes != null && minutes >= -14 * 60 && minutes <= 12 * 60 ? minutes : null;
    }

    /** Device ids: read, checked, minted. */
    DeviceIds devices() {
        return devices;
    }

    /** A new envelope stamped now; the caller sets device/contact and payload. */
    TrackingEvent.Builder envelope(HttpServerRequest request, TrackerParameters params, Source source) {
        return TrackingEvent.newBuilder()
                .setEventId(EventIds.next())
                .setEventTime(clock.instant())
                .setSource(source)
                .setContext(context(request, params))
                .setFields(Map.of());
    }

    /** A page hit; returns null when page_url is missing (the caller answers 400). */
    TrackingEvent pageHit(HttpServerRequest request, TrackerParameters params, String deviceId, Source source) {
        String url = params.get("page_url");
        if (url == null) {
            return null;
        }
        PageHit hit = PageHit.newBuilder()
                .setUrl(url)
                .setTitle(params.get("page_title"))
                .setReferrer(params.get("page_referrer"))
                .setResolution(params.get("resolution"))
                .setPlatform(params.get("platform"))
                .setCounter(params.getInt("counter"))
                .setUtm(params.utm())
                .build();
        String knownContact = params.get("mtc_id");
        return admitFields(envelope(request, params, source)
                .setDeviceId(deviceId)
                .setContactId(knownContact != null && CONTACT_ID.matcher(knownContact).matches() ? knownContact : null)
                .setFields(params.contactFields())
                .setPayload(hit)
                .build(), FieldAdmission.Caller.VISITOR);
    }
}
