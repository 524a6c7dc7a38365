package io.leadstream.gateway.companies;

import io.leadstream.gateway.companies.CompanyStore.Company;
import io.leadstream.gateway.companies.CompanyStore.Member;
import io.leadstream.gateway.companies.CompanyStore.MemberPage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;

/** The shapes /api/v1/companies answers with. */
final class CompanyJson {
    private CompanyJson() {}

    /** {@code {id, requested, fields, score, ownPoints, contactPoints, contacts, created, updated}}. */
    static JsonObject company(Company c) {
        return new JsonObject()
                .put("id", c.id())
                .put("requested", c.requested())
                .put("fields", new JsonObject(new LinkedHashMap<>(c.fields())))
                .put("score", c.score())
                .put("ownPoints", c.ownPoints())
                .put("contactPoints", c.contactPoints())
                .put("contacts", c.contacts())
                .put("created", iso(c.created()))
                .put("updated", iso(c.updated()));
    }

    /** Page {@code page} of a list read {@code page * size + 1} deep: {@code {page, size, companies, hasMore}}. */
    static JsonObject list(List<Company> read, int page, int size) {
        JsonArray companies = new JsonArray();
        read.stream().skip((long) (page - 1) * size).limit(size).forEach(c -> companies.add(company(c)));
        return new JsonObject().put("page", page).put("size", size).put("companies", companies).put("hasMore", read.size() > page * size);
    }

    /** {@code {company, requested, page, size, contacts: [{id, since}], hasMore}}. */
    static JsonObject members(Company c, MemberPage members, int page, int size) {
        JsonArray contacts = new JsonArray();
        for (Member m : members.members()) {
            contacts.add(new JsonObject().put("id", m.contactId()).put("since", iso(m.since())));
        }
        return new JsonObject().put("company", c.id()).put("requested", c.requested()).put("page", page).put("size", size)
                .put("contacts", contacts).put("hasMore", members.hasMore());
    }

    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
