package io.leadstream.gateway;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.Iterator;
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
        JsonNode tree;
        try {
            tree = JSON.readTree(body.getBytes());
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
        if (tree == null || !tree.isObject()) {
            throw new Refused("the body is JSON but not an object: " + (tree == null ? "nothing" : tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        numbersInRange(tree, "");
        return new JsonObject(JSON.convertValue(tree, Map.class));
    }

    private static void numbersInRange(JsonNode node, String pointer) throws Refused {
        if (node.isNumber()) {
            boolean inRange = node.isBigInteger() ? node.bigIntegerValue().bitLength() < 64 : Double.isFinite(node.doubleValue());
            if (!inRange) {
                throw new Refused("the number at " + pointer + " is out of range: integers fit in 64 bits, decimals in a double");
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                numbersInRange(node.get(i), pointer + "/" + i);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                numbersInRange(e.getValue(), pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"));
            }
        }
    }
}
