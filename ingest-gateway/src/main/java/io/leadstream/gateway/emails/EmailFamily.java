package io.leadstream.gateway.emails;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An email and those that hang under it: its A/B variants, and the translations of it and of them. */
public final class EmailFamily {
    private EmailFamily() {}

    /** {@code emailId} first, then its variants, then the translations, each list in id order. */
    public static List<String> of(String emailId, Map<String, JsonObject> emails) {
        List<String> out = new ArrayList<>(List.of(emailId));
        emails.forEach((id, doc) -> {
            if (emailId.equals(doc.getString("variantOf"))) {
                out.add(id);
            }
        });
        List<String> heads = List.copyOf(out);
        emails.forEach((id, doc) -> {
            String translationOf = doc.getString("translationOf");
            if (translationOf != null && heads.contains(translationOf)) {
                out.add(id);
            }
        });
        return out;
    }
}
