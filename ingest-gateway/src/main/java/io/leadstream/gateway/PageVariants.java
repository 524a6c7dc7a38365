package io.leadstream.gateway;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A/B tests of landing pages: a visitor is put in a bucket 0-99 by its device and the original,
 * always the same one (CRC-32, the same on every gateway), and the variants, by id, take their
 * weights of the buckets; the original keeps the rest.
 */
final class PageVariants {
    private PageVariants() {}

    static JsonObject pick(JsonObject original, List<JsonObject> variants, String deviceId) {
        CRC32 crc = new CRC32();
        crc.update((deviceId + ":" + original.getString("id")).getBytes(StandardCharsets.UTF_8));
        long bucket = crc.getValue() % 100;
        long upTo = 0;
        for (JsonObject v : variants.stream().sorted(Comparator.comparing((JsonObject p) -> p.getString("id"))).toList()) {
            upTo += v.getInteger("weight", 0);
            if (bucket < upTo) {
                return v;
            }
        }
        return original;
    }
}
