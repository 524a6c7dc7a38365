package io.leadstream.gateway.emails;

import io.leadstream.common.email.SegmentSends;
import io.leadstream.gateway.JsonBodies;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * What a start of a segment email's send may ask, from the request's body ({@code {"sendAt", "perHour"}},
 * both optional): when the first emails are due, and at most how many fall due per hour. Null: at once, no limit.
 */
public record SegmentSendOptions(Instant sendAt, Integer perHour) {
    /** No body: at once, without a limit (Mautic's send, which takes no options). */
    public static final SegmentSendOptions NOW = new SegmentSendOptions(null, null);

    private static final Set<String> FIELDS = Set.of(SegmentSends.SEND_AT, SegmentSends.PER_HOUR);

    /** Why a body was refused; the message is the 400's. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }

    /** The options of a body; an absent or empty body asks for none. */
    public static SegmentSendOptions parse(Buffer body) throws Refused {
        if (body == null || body.length() == 0) {
            return NOW;
        }
        JsonObject options;
        try {
            options = JsonBodies.object(body);
        } catch (JsonBodies.Refused e) {
            throw new Refused(e.getMessage());
        }
        for (String field : options.fieldNames()) {
            // A misspelt option ignored would start a send the caller did not ask for: refused instead.
            if (!FIELDS.contains(field)) {
                throw new Refused("unknown field " + field + ": the body may give sendAt and perHour only");
            }
        }
        return new SegmentSendOptions(sendAt(options.getValue(SegmentSends.SEND_AT)), perHour(options.getValue(SegmentSends.PER_HOUR)));
    }

    private static Instant sendAt(Object value) throws Refused {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            try {
                return Instant.parse(text.strip());
            } catch (DateTimeParseException e) {
                // answered below, with the value
            }
        }
        throw new Refused("sendAt: an ISO-8601 instant such as 2026-12-24T09:00:00Z, not " + Json.encode(value));
    }

    private static Integer perHour(Object value) throws Refused {
        // Jackson reads whole numbers as Integer or Long; 5.0 is a Double, and not a count of emails.
        if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 1
                && ((Number) value).longValue() <= Integer.MAX_VALUE) {
            return ((Number) value).intValue();
        }
        if (value == null) {
            return null;
        }
        throw new Refused("perHour: a whole number of emails per hour, 1 or more, not " + Json.encode(value));
    }
}
