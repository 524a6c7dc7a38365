package io.leadstream.workers;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.leadstream.store.cassandra.table.ContactDncTable;
import io.leadstream.store.cassandra.table.ContactFieldsTable;
import io.leadstream.store.cassandra.table.ContactMergedIdsTable;
import io.leadstream.store.cassandra.table.MarketingSendsTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@link Recipient}s of a chunk of due messages with one query per table for the whole
 * chunk (partition keys IN ...), instead of four queries per message: on a small node, Cassandra's
 * cost is per request far more than per row.
 */
final class RecipientReads {
    private final CqlSession session;
    private final PreparedStatement merged;
    private final PreparedStatement fields;
    private final PreparedStatement dnc;
    private final PreparedStatement marketing;

    RecipientReads(CqlSession session, String ks) {
        this.session = session;
        merged = session.prepare(ContactMergedIdsTable.SELECT_BY_TARGET_ID_IN.replace("{ks}", ks));
        fields = session.prepare(ContactFieldsTable.SELECT_BY_CONTACT_ID_IN.replace("{ks}", ks));
        dnc = session.prepare(ContactDncTable.SELECT_BY_CONTACT_ID_IN_AND_CHANNEL_EMAIL.replace("{ks}", ks));
        marketing = session.prepare(MarketingSendsTable.SELECT_BY_CONTACT_ID_IN.replace("{ks}", ks));
    }

    Map<String, Recipient> read(Collection<String> contactIds) {
        List<String> contacts = List.copyOf(new LinkedHashSet<>(contactIds));
        Map<String, List<String>> ids = new HashMap<>();
        contacts.forEach(c -> ids.put(c, new ArrayList<>(List.of(c))));
        InQueries.each(session, merged, contacts, r -> ids.get(r.getString("target_id")).add(r.getString("alias_id")));
        Set<String> all = new HashSet<>();
        ids.values().forEach(all::addAll);
        Map<String, Map<String, String>> fieldsById = new HashMap<>();
        InQueries.each(session, fields, List.copyOf(all), row -> {
            ContactFieldsTable.Row r = ContactFieldsTable.Row.from(row);
            fieldsById.computeIfAbsent(r.contactId(), k -> new HashMap<>()).put(r.field(), r.value());
        });
        Set<String> optedOut = new HashSet<>();
        InQueries.each(session, dnc, List.copyOf(all), r -> {
            if (r.getBoolean("dnc")) {
                optedOut.add(r.getString("contact_id"));
            }
        });
        Map<String, Map<String, String>> sends = new HashMap<>();
        InQueries.each(session, marketing, contacts, row -> {
            MarketingSendsTable.Row r = MarketingSendsTable.Row.from(row);
            sends.computeIfAbsent(r.contactId(), k -> new HashMap<>()).put(r.emailId(), r.commandId());
        });
        Map<String, Recipient> out = new HashMap<>();
        for (String c : contacts) {
            List<String> own = ids.get(c);
            Map<String, String> combined = new HashMap<>();
            for (int i = own.size() - 1; i >= 0; i--) {
                combined.putAll(fieldsById.getOrDefault(own.get(i), Map.of())); // the contact's own fields last: they win
            }
            out.put(c, new Recipient(List.copyOf(own), combined, own.stream().anyMatch(optedOut::contains), sends.getOrDefault(c, Map.of())));
        }
        return out;
    }
}
