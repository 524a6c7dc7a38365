package io.leadstream.gateway;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.CharConversionException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * A request body read as a JSON object, or the real reason it is not one: not UTF-8, nested too
 * deep, a number no engine can hold (1e400 would otherwise become Infinity), not JSON at all, or
 * JSON but not an object. Each is a 400 whose message says which.
 */
public final class JsonBodies {
    /** Deeper than any definition or event batch goes; a hostile body cannot make the parser recurse further. */
    public static final int MAX_DEPTH = 64;
    private static final ObjectMapper JSON = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build())
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /** Why a body was refused; the message is the 400's. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }

    private JsonBodies() {}

    /** The body as an object. */
    public static JsonObject object(Buffer body) throws Refused {
        if (body == null || body.length() == 0) {
            throw new Refused("the body is empty: a JSON object is required");
        }
        Object value;
        try {
            value = JSON.readValue(body.getBytes(), Object.class); // one pass, straight to the maps and lists a JsonObject wraps
        } catch (StreamConstraintsException e) {
            throw new Refused("the body nests deeper than " + MAX_DEPTH + " levels");
        } catch (CharConversionException e) {
            throw new Refused("the body is not UTF-8: " + e.getMessage());
        } catch (JsonParseException e) {
            String message = e.getOriginalMessage();
            throw new Refused(message.startsWith("Invalid UTF-8") ? "the body is not UTF-8: " + message
                    : "the body is not JSON: " + message + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new Refused("the body is not JSON: " + e.getMessage());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new Refused("the body is JSON but not an object: " + kind(value));
        }
        String bad = outOfRange(map);
        if (bad != null) {
            throw new Refused("the number at " + bad + " is out of range: integers fit in 64 bits, decimals in a double");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        return new JsonObject(object);
    }

    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        return value instanceof List<?> ? "array" : value instanceof String ? "string" : value instanceof Boolean ? "boolean" : "number";
    }

    /** The pointer to the first number no engine can hold, or null; the path is built only for that one. */
    private static String outOfRange(Object value) {
        if (value instanceof Double d) {
            return Double.isFinite(d) ? null : "";
        }
        if (value instanceof BigInteger b) {
            return b.bitLength() < 64 ? null : "";
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String below = outOfRange(list.get(i));
                if (below != null) {
                    return "/" + i + below;
                }
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String below = outOfRange(e.getValue());
                if (below != null) {
                    return "/" + e.getKey().toString().replace("~", "~0").replace("/", "~1") + below;
                }
            }
        }
        return null;
    }
}
