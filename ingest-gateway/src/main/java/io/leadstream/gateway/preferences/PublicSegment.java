package io.leadstream.gateway.preferences;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A segment its definition marks {@code "public": true}: the preference center shows it, and a
 * contact may join or leave it there. A disabled one is not shown, since nobody can be in it.
 */
record PublicSegment(String id, String name, String description) {

    /** The public segments among {@code segments} (id to definition), in the order given. */
    static List<PublicSegment> of(Map<String, JsonObject> segments) {
        List<PublicSegment> out = new ArrayList<>();
        segments.forEach((id, doc) -> {
            if (doc.getValue("public") == Boolean.TRUE && doc.getValue("enabled") != Boolean.FALSE) {
                out.add(new PublicSegment(id, doc.getString("name", id), doc.getString("description")));
            }
        });
        return out;
    }
}
