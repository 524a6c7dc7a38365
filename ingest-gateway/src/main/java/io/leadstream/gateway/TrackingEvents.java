package io.leadstream.gateway;

import io.leadstream.schemas.event.EventContext;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.UUID;

/** Builds envelope events from HTTP requests; the server's clock stamps event time. */
final class TrackingEvents {
    private final Clock clock;

    TrackingEvents(Clock clock) {
        this.clock = clock;
    }

    EventContext context(HttpServerRequest request, TrackerParameters params) {
        return EventContext.newBuilder()
                .setIp(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress())
                .setUserAgent(request.getHeader("User-Agent"))
                .setPageLanguage(params.get("page_language"))
                .setTimezone(params.get("timezone"))
                .build();
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
        return TrackingEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setEventTime(clock.instant())
                .setDeviceId(deviceId)
                .setSource(source)
                .setContext(context(request, params))
                .setFields(params.contactFields())
                .setPayload(hit)
                .build();
    }
}
