package io.leadstream.gateway;

import io.leadstream.email.DeliveryStatusReport;
import io.leadstream.email.DeliveryStatusReport.Bounce;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bounces read from what the bounce endpoint receives: a delivery status notification (RFC 3464,
 * {@code multipart/report}, as a bounce mailbox or a relay forwards it; read by
 * {@link DeliveryStatusReport}, which the send workers' bounce mailbox shares) or JSON.
 */
final class BounceReport {
    /** The input is not a bounce report. */
    static final class NotAReport extends Exception {
        NotAReport(String reason) {
            super(reason);
        }
    }

    private BounceReport() {}

    /** The bounces of a DSN message; none when it reports only deliveries. */
    static List<Bounce> fromDsn(byte[] message) throws NotAReport {
        try {
            return DeliveryStatusReport.bounces(message);
        } catch (DeliveryStatusReport.NotADsn e) {
            throw new NotAReport(e.getMessage());
        }
    }

    /** A JSON bounce, or an array of them: {@code address}, and {@code kind} (hard|soft) or {@code status}; {@code sendId}, {@code diagnostic} optional. */
    static List<Bounce> fromJson(Object json) throws NotAReport {
        List<Bounce> out = new ArrayList<>();
        JsonArray items = json instanceof JsonArray a ? a : new JsonArray().add(json);
        for (int i = 0; i < items.size(); i++) {
            if (!(items.getValue(i) instanceof JsonObject o)) {
                throw new NotAReport("bounce " + i + ": expected an object");
            }
            String address = o.getString("address");
            if (address == null || !address.contains("@")) {
                throw new NotAReport("bounce " + i + ": address is required");
            }
            String kind = o.getString("kind");
            Boolean hard = kind == null ? DeliveryStatusReport.hard(o.getString("status"), null)
                    : switch (kind.toLowerCase(Locale.ROOT)) {
                        case "hard" -> Boolean.TRUE;
                        case "soft" -> Boolean.FALSE;
                        default -> throw new NotAReport("bounce " + i + ": kind must be hard or soft");
                    };
            if (hard == null) {
                throw new NotAReport("bounce " + i + ": kind (hard|soft) or a status 4.x.x/5.x.x is required");
            }
            out.add(new Bounce(address.strip(), hard, o.getString("status"), o.getString("diagnostic"), o.getString("sendId")));
        }
        return out;
    }
}
