package io.leadstream.gateway.mautic;

import io.leadstream.gateway.companies.CompanyStore.Company;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;

/**
 * A company in Mautic's shape: {@code {id, isPublished, dateAdded, dateModified, score, fields: {core: {alias:
 * {id, label, alias, type, group, object, value}}, professional, other, all: {id, alias: value}}}}, and the
 * lighter entry Mautic lists a contact's companies with.
 */
final class CompanyView {
    private CompanyView() {}

    /** {@code catalog}: the company fields by alias; values of fields no longer defined still show under {@code all}. */
    static JsonObject of(long id, Company c, Map<String, ContactView.Field> catalog) {
        JsonObject core = new JsonObject();
        JsonObject all = new JsonObject().put("id", id);
        catalog.forEach((alias, f) -> {
            String value = c.fields().get(alias);
            core.put(alias, new JsonObject().put("id", f.id()).put("label", f.label()).put("alias", alias).put("type", f.type())
                    .put("group", "core").put("object", "company").put("value", value));
            all.put(alias, value);
        });
        c.fields().forEach(all::put);
        return new JsonObject()
                .put("id", id)
                .put("isPublished", true)
                .put("dateAdded", iso(c.created()))
                .put("dateModified", iso(c.updated()))
                .put("score", c.score())
                .put("leadstreamId", c.id())
                .put("fields", new JsonObject().put("core", core).put("professional", new JsonObject()).put("other", new JsonObject())
                        .put("all", all));
    }

    /** One of a contact's companies: {@code {company_id, date_associated, date_added, is_primary: "1"|"0", score, <alias>: value...}}. */
    static JsonObject membership(long id, Company c, Instant since, boolean primary) {
        JsonObject out = new JsonObject().put("company_id", id).put("date_associated", iso(since)).put("date_added", iso(c.created()))
                .put("is_primary", primary ? "1" : "0").put("score", c.score());
        c.fields().forEach(out::put);
        return out;
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
