package io.leadstream.gateway.contacts;

import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.gateway.companies.CompanyStore;
import io.leadstream.gateway.contacts.ContactStore.Profile;
import io.leadstream.store.cassandra.table.CompanyMembersTable;
import io.leadstream.store.cassandra.table.ContactProfilesTable;
import io.leadstream.store.cassandra.table.ContactTables;
import io.leadstream.store.cassandra.table.ContactTimelineTable;
import io.leadstream.store.cassandra.table.ContactsByIdentifierTable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Everything Cassandra holds about a person, for a GDPR access request. The root contact and every
 * id merged into it are read from each table keyed by contact, then from the tables keyed by the
 * devices their events came from and by their identifier. Rows come out whole, column by column.
 * The companies the person is in come as their {@code company_members} rows, and summed up under
 * {@code companies} (id, name, primary, since): a company's own row is about the company, not the person.
 */
public final class ContactExport {
    private final ContactStore contacts;
    private final ContactSession session;
    private final CompanyStore companies;

    public ContactExport(ContactStore contacts) {
        this.contacts = contacts;
        this.session = contacts.session();
        this.companies = new CompanyStore(contacts);
    }

    /** The export, or empty when nothing is known about the id. */
    public CompletionStage<Optional<JsonObject>> export(String id) {
        return contacts.profile(id).thenCompose(found -> found.isEmpty()
                ? CompletableFuture.completedFuture(Optional.<JsonObject>empty())
                : export(found.get()).thenApply(Optional::of));
    }

    private CompletionStage<JsonObject> export(Profile profile) {
        List<String> ids = new ArrayList<>();
        ids.add(profile.id());
        ids.addAll(profile.aliases());
        JsonObject tables = new JsonObject();
        return readAll(ContactTables.BY_CONTACT, ids, tables).thenCompose(v -> {
            Set<String> devices = new LinkedHashSet<>();
            for (Object row : tables.getJsonArray(ContactTimelineTable.NAME, new JsonArray())) {
                String device = ((JsonObject) row).getString("device_id");
                if (device != null) {
                    devices.add(device);
                }
            }
            return readAll(ContactTables.BY_DEVICE, List.copyOf(devices), tables).thenApply(w -> devices);
        }).thenCompose(devices -> identifier(profile, tables).thenCompose(w -> companies(profile, ids, tables)).thenApply(companyList -> new JsonObject()
                .put("contact", profile.id())
                .put("ids", new JsonArray(ids))
                .put("devices", new JsonArray(List.copyOf(devices)))
                .put("fields", new JsonObject(new LinkedHashMap<>(profile.fields())))
                .put("companies", companyList)
                .put("exportedAt", Instant.now().toString())
                .put("tables", tables)));
    }

    /**
     * The companies the person is in ({@code contact_profiles.companies} of the root and its merged ids): their
     * membership rows go under {@code tables.company_members}, and each company, followed to its survivor if it
     * was merged, is summed up as {@code {id, name, primary, since}} (since: the earliest membership row).
     */
    private CompletionStage<JsonArray> companies(Profile profile, List<String> ids, JsonObject tables) {
        Set<String> listed = new LinkedHashSet<>(profile.pointsAndTags().companies());
        for (Object row : tables.getJsonArray(ContactProfilesTable.NAME, new JsonArray())) {
            JsonArray more = ((JsonObject) row).getJsonArray("companies");
            if (more != null) {
                more.forEach(c -> listed.add(String.valueOf(c)));
            }
        }
        String primary = profile.pointsAndTags().primaryCompany();
        List<CompletionStage<Optional<CompanyStore.Company>>> found = new ArrayList<>();
        listed.forEach(id -> found.add(companies.company(id)));
        return AsyncRows.all(found).thenCompose(resolved -> {
            Map<String, Set<String>> companyIds = new LinkedHashMap<>(); // the company answered -> the ids its rows may be under
            Map<String, CompanyStore.Company> byId = new LinkedHashMap<>();
            int i = 0;
            for (String id : listed) {
                Optional<CompanyStore.Company> c = resolved.get(i++);
                String key = c.map(CompanyStore.Company::id).orElse(id);
                companyIds.computeIfAbsent(key, k -> new LinkedHashSet<>(List.of(k))).add(id);
                c.ifPresent(x -> byId.put(key, x));
            }
            JsonArray memberRows = new JsonArray();
            tables.put(CompanyMembersTable.NAME, memberRows);
            List<CompletionStage<Void>> reads = new ArrayList<>();
            for (Set<String> under : companyIds.values()) {
                for (String companyId : under) {
                    for (String contactId : ids) {
                        reads.add(session.rows(CompanyMembersTable.SELECT_BY_COMPANY_ID_AND_CONTACT_ID, companyId, contactId)
                                .thenAccept(rows -> {
                                    synchronized (memberRows) {
                                        json(rows).forEach(memberRows::add);
                                    }
                                }));
                    }
                }
            }
            return AsyncRows.all(reads).thenApply(v -> {
                JsonArray out = new JsonArray();
                companyIds.forEach((id, under) -> {
                    String since = null;
                    for (Object row : memberRows) {
                        JsonObject r = (JsonObject) row;
                        String at = r.getString("since");
                        if (under.contains(r.getString("company_id")) && at != null && (since == null || Instant.parse(at).isBefore(Instant.parse(since)))) {
                            since = at;
                        }
                    }
                    CompanyStore.Company c = byId.get(id);
                    out.add(new JsonObject().put("id", id).put("name", c == null ? null : c.name())
                            .put("primary", primary != null && under.contains(primary)).put("since", since));
                });
                return out;
            });
        });
    }

    private CompletionStage<Void> identifier(Profile profile, JsonObject tables) {
        if (profile.identifier() == null) {
            return CompletableFuture.completedFuture(null);
        }
        return session.rows(ContactsByIdentifierTable.SELECT_BY_FIELD_AND_VALUE, profile.identifier().field(), profile.identifier().value())
                .thenAccept(rows -> tables.put(ContactsByIdentifierTable.NAME, json(rows)));
    }

    /** Reads each table for each key, adding the rows under the table's name. */
    private CompletionStage<Void> readAll(List<ContactTables.Keyed> keyedBy, List<String> keys, JsonObject into) {
        List<CompletionStage<Void>> reads = new ArrayList<>();
        for (ContactTables.Keyed table : keyedBy) {
            JsonArray rows = new JsonArray();
            into.put(table.table(), rows);
            String select = ContactTables.selectByKey(table);
            for (String key : keys) {
                reads.add(session.rows(select, key)
                        .thenAccept(found -> {
                            synchronized (rows) {
                                json(found).forEach(rows::add);
                            }
                        }));
            }
        }
        return AsyncRows.all(reads).thenApply(v -> null);
    }

    static JsonArray json(List<Row> rows) {
        JsonArray out = new JsonArray();
        for (Row row : rows) {
            JsonObject o = new JsonObject();
            for (ColumnDefinition c : row.getColumnDefinitions()) {
                o.put(c.getName().asInternal(), value(row.getObject(c.getName())));
            }
            out.add(o);
        }
        return out;
    }

    private static Object value(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof ByteBuffer b) {
            return Base64.getEncoder().encodeToString(com.datastax.oss.protocol.internal.util.Bytes.getArray(b));
        }
        if (v instanceof Collection<?> c) {
            JsonArray a = new JsonArray();
            c.forEach(x -> a.add(value(x)));
            return a;
        }
        if (v instanceof Map<?, ?> m) {
            JsonObject o = new JsonObject();
            m.forEach((k, x) -> o.put(String.valueOf(k), value(x)));
            return o;
        }
        return v.toString(); // timestamps, uuids, inet addresses, dates
    }
}
