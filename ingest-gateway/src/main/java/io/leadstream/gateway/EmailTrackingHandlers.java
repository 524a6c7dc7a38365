package io.leadstream.gateway;

import io.leadstream.common.email.EmailToken;
import io.leadstream.common.email.SignedTokens;
import io.leadstream.schemas.event.EmailClick;
import io.leadstream.schemas.event.EmailOpen;
import io.leadstream.schemas.event.EmailUnsubscribe;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * Email tracking through signed tokens: {@code GET /email/{token}.gif} (open),
 * {@code GET /r/{token}} (click, redirects only to the signed URL) and
 * {@code GET|POST /email/unsubscribe/{token}} (RFC 8058: GET shows a confirmation form, because
 * link scanners fetch GETs; POST unsubscribes). With the contacts store, the GET is the preference
 * center's instead ({@code PreferenceCenter}), whose "unsubscribe from everything" posts here.
 * A tampered or unknown token gets 404 and no event.
 */
final class EmailTrackingHandlers {
    private static final TrackerParameters NO_PARAMS = new TrackerParameters(MultiMap.caseInsensitiveMultiMap());

    private final EventPublisher publisher;
    private final TrackingEvents events;
    private final SignedTokens tokens;
    private final GatewayMetrics metrics;

    EmailTrackingHandlers(EventPublisher publisher, TrackingEvents events, SignedTokens tokens, GatewayMetrics metrics) {
        this.publisher = publisher;
        this.events = events;
        this.tokens = tokens;
        this.metrics = metrics;
    }

    void open(RoutingContext ctx) {
        EmailToken token = verified(ctx, EmailToken.OPEN);
        if (token == null) {
            return;
        }
        String ip = events.clients().clientIp(ctx.request());
        boolean proxied = events.clients().isMailProxy(ip, ctx.request().getHeader("User-Agent"));
        TrackingEvent event = base(ctx, token)
                .setPayload(EmailOpen.newBuilder().setSendId(token.sendId()).setEmailId(token.emailId()).setProxied(proxied).build())
                .build();
        publish(ctx, event, "email_open", () -> ctx.response()
                .putHeader("Content-Type", "image/gif")
                .putHeader("Cache-Control", "no-store, no-cache, must-revalidate, max-age=0")
                .end(Buffer.buffer(Gif.PIXEL)));
    }

    void click(RoutingContext ctx) {
        EmailToken token = verified(ctx, EmailToken.CLICK);
        if (token == null) {
            return;
        }
        // The click links this device (cookie) to the contact in the token: identity on a new device.
        String deviceId = events.devices().resolve(ctx.request(), ctx.response());
        TrackingEvent event = base(ctx, token)
                .setDeviceId(deviceId)
                .setPayload(EmailClick.newBuilder().setSendId(token.sendId()).setEmailId(token.emailId()).setUrl(token.url()).build())
                .build();
        publish(ctx, event, "email_click", () -> ctx.response().setStatusCode(302)
                .putHeader("Location", token.url())
                .putHeader("Cache-Control", "no-store")
                .end());
    }

    void unsubscribePage(RoutingContext ctx) {
        EmailToken token = verified(ctx, EmailToken.UNSUBSCRIBE);
        if (token == null) {
            return;
        }
        String action = "/email/unsubscribe/" + ctx.pathParam("token");
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end("<!doctype html><html><head><meta charset=\"utf-8\"><title>Unsubscribe</title></head><body>"
                        + "<h1>Unsubscribe</h1><p>Stop receiving these emails?</p>"
                        + "<form method=\"post\" action=\"" + action + "\">"
                        + "<button type=\"submit\">Unsubscribe</button></form></body></html>");
    }

    void unsubscribe(RoutingContext ctx) {
        EmailToken token = verified(ctx, EmailToken.UNSUBSCRIBE);
        if (token == null) {
            return;
        }
        boolean oneClick = "One-Click".equals(ctx.request().getFormAttribute("List-Unsubscribe"));
        TrackingEvent event = base(ctx, token)
                .setPayload(EmailUnsubscribe.newBuilder().setSendId(token.sendId()).setEmailId(token.emailId()).setOneClick(oneClick).build())
                .build();
        publish(ctx, event, "email_unsubscribe", () -> ctx.response()
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .end("<!doctype html><html><body><h1>You are unsubscribed.</h1></body></html>"));
    }

    private TrackingEvent.Builder base(RoutingContext ctx, EmailToken token) {
        return events.envelope(ctx.request(), NO_PARAMS, Source.EMAIL)
                .setDeviceId(events.devices().fromRequest(ctx.request()))
                .setContactId(token.contactId());
    }

    private EmailToken verified(RoutingContext ctx, String kind) {
        return verified(ctx, tokens, metrics, kind);
    }

    /** The path's {@code token} if it verifies and is of {@code kind}; else null, with the 404 already sent. */
    static EmailToken verified(RoutingContext ctx, SignedTokens tokens, GatewayMetrics metrics, String kind) {
        EmailToken token = tokens.verify(ctx.pathParam("token"));
        if (token == null || !kind.equals(token.kind())) {
            metrics.rejected("bad token");
            Responses.error(ctx, 404, "unknown or invalid link");
            return null;
        }
        return token;
    }

    private void publish(RoutingContext ctx, TrackingEvent event, String kind, Runnable reply) {
        AckedReply.send(publisher, metrics, ctx, event, kind, reply);
    }
}
