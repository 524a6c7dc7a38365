package io.leadstream.gateway;

import io.leadstream.email.DeliveryStatusReport.Bounce;
import io.leadstream.gateway.contacts.ContactStore;
import io.leadstream.schemas.event.BounceKind;
import io.leadstream.schemas.event.EmailBounce;
import io.leadstream.schemas.event.EventContext;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /api/v1/bounces}: bounce intake. The body is a delivery status notification
 * ({@code message/rfc822} holding a {@code multipart/report}, or the {@code multipart/report} itself)
 * or JSON ({@link BounceReport#fromJson}). Each bounce whose address belongs to a contact becomes that
 * contact's {@code EmailBounce} event on raw-events: a hard one makes the contact do-not-contact, a
 * soft one is counted. 202 once Kafka has them all, listing what was taken and which addresses are
 * unknown; 404 when no address is known; 400 for what is not a bounce report.
 */
final class BounceHandler implements Handler<RoutingContext> {
    private static final TrackerParameters NO_PARAMS = new TrackerParameters(MultiMap.caseInsensitiveMultiMap());

    private final EventPublisher publisher;
    private final TrackingEvents events;
    private final ContactStore contacts;
    private final GatewayMetrics metrics;

    BounceHandler(EventPublisher publisher, TrackingEvents events, ContactStore contacts, GatewayMetrics metrics) {
        this.publisher = publisher;
        this.events = events;
        this.contacts = contacts;
        this.metrics = metrics;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (contacts == null) {
            Responses.error(ctx, 501, "bounce intake needs the contacts store (gateway.contacts-api)");
            return;
        }
        List<Bounce> bounces;
        try {
            bounces = read(ctx);
        } catch (BounceReport.NotAReport e) {
            metrics.rejected("bad bounce report");
            Responses.badRequest(ctx, e.getMessage());
            return;
        } catch (UnsupportedOperationException e) {
            Responses.error(ctx, 415, e.getMessage());
            return;
        }
        List<CompletableFuture<Optional<String>>> owners = new ArrayList<>();
        for (Bounce b : bounces) {
            owners.add(contacts.contactIdFor("email", b.address()).toCompletableFuture());
        }
        CompletableFuture.allOf(owners.toArray(CompletableFuture[]::new)).whenComplete((v, failure) -> ctx.vertx().runOnContext(x -> {
            if (failure != null) {
                Responses.notStored(ctx, "contacts", failure);
                return;
            }
            publish(ctx, bounces, owners.stream().map(CompletableFuture::join).toList());
        }));
    }

    private void publish(RoutingContext ctx, List<Bounce> bounces, List<Optional<String>> owners) {
        JsonArray accepted = new JsonArray();
        JsonArray unknown = new JsonArray();
        List<Future<Void>> acks = new ArrayList<>();
        for (int i = 0; i < bounces.size(); i++) {
            Bounce b = bounces.get(i);
            if (owners.get(i).isEmpty()) {
                unknown.add(b.address());
                continue;
            }
            String contactId = owners.get(i).get();
            acks.add(publisher.publish(event(ctx, b, contactId)));
            accepted.add(new JsonObject().put("address", b.address()).put("kind", b.hard() ? "hard" : "soft")
                    .put("contactId", contactId).put("sendId", b.sendId()));
        }
        if (acks.isEmpty()) {
            Responses.error(ctx, 404, bounces.isEmpty() ? "the report holds no bounce (only deliveries)" : "no contact has address " + unknown.getString(0));
            return;
        }
        Future.all(acks).onComplete(ar -> {
            if (ar.failed()) {
                Responses.unavailable(ctx, ar.cause());
                return;
            }
            acks.forEach(a -> metrics.accepted("email_bounce"));
            ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("accepted", accepted).put("unknown", unknown).encode());
        });
    }

    private TrackingEvent event(RoutingContext ctx, Bounce b, String contactId) {
        return events.envelope(ctx.request(), NO_PARAMS, Source.EMAIL)
                .setContactId(contactId)
                .setContext(EventContext.newBuilder().setTrackable(false).setNonTrackableReason("bounce report").build())
                .setPayload(EmailBounce.newBuilder().setSendId(b.sendId()).setAddress(b.address())
                        .setKind(b.hard() ? BounceKind.HARD : BounceKind.SOFT)
                        .setDiagnostic(b.detail())
                        .build())
                .build();
    }

    private static List<Bounce> read(RoutingContext ctx) throws BounceReport.NotAReport {
        String type = Optional.ofNullable(ctx.request().getHeader("Content-Type")).orElse("").toLowerCase(Locale.ROOT);
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            throw new BounceReport.NotAReport("empty body");
        }
        if (type.startsWith("application/json")) {
            try {
                return BounceReport.fromJson(Json.decodeValue(body));
            } catch (DecodeException e) {
                throw new BounceReport.NotAReport("invalid JSON: " + e.getMessage());
            }
        }
        if (type.startsWith("message/rfc822")) {
            return BounceReport.fromDsn(body.getBytes());
        }
        if (type.startsWith("multipart/report")) {
            // The report without its message headers: give it back the Content-Type (and its boundary).
            byte[] head = ("Content-Type: " + ctx.request().getHeader("Content-Type") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            return BounceReport.fromDsn(Buffer.buffer(head).appendBuffer(body).getBytes());
        }
        throw new UnsupportedOperationException("send a DSN as message/rfc822 or multipart/report, or JSON");
    }
}
