package io.leadstream.jobs.identity;

import io.leadstream.common.ids.IdentityIds;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * What the engine wrote to Cassandra, read back with plain CQL, and its comparison with the
 * reference model. Tail events (device ids starting "tail-") only move watermarks and are left out.
 */
final class CassandraIdentityView {
    final Map<String, String> contactOfEvent = new HashMap<>();
    final Map<String, String> aliases = new HashMap<>();
    final Map<String, String> devices = new HashMap<>();
    /** Timeline rows of scenario events; more rows than events means an event sits under two contacts. */
    int timelineRows;

    CassandraIdentityView(CqlSession session, String ks) {
        for (Row r : session.execute("SELECT contact_id, event_id FROM " + ks + ".contact_timeline")) {
            if (!r.getString("event_id").startsWith("tail-")) {
                contactOfEvent.put(r.getString("event_id"), r.getString("contact_id"));
                timelineRows++;
            }
        }
        // Rows come in clustering order within a partition: the first row per alias is current.
        for (Row r : session.execute("SELECT alias_id, target_id FROM " + ks + ".contact_aliases")) {
            aliases.putIfAbsent(r.getString("alias_id"), r.getString("target_id"));
        }
        for (Row r : session.execute("SELECT device_id, contact_id FROM " + ks + ".device_contacts")) {
            devices.put(r.getString("device_id"), r.getString("contact_id"));
        }
    }

    /** Every event once on the timeline, devices grouped and events counted per surviving contact as in the model. */
    void assertMatches(IdentityReferenceModel model) {
        assertThat(timelineRows).as("timeline rows").isEqualTo(model.contactOfEvent.size());
        assertThat(contactOfEvent.keySet()).as("events on the timeline").isEqualTo(model.contactOfEvent.keySet());
        assertThat(differences(resolveAll(deviceContacts(model.currentContactOfDevice.keySet()), this::resolve),
                resolveAll(model.currentContactOfDevice, model::resolve)))
                .as("devices grouped into contacts: engine / model").isEmpty();
        assertThat(differences(countsPerContact(contactOfEvent, this::resolve), countsPerContact(model.contactOfEvent, model::resolve)))
                .as("events per surviving contact: engine / model").isEmpty();
    }

    String resolve(String contact) {
        return Aliases.resolve(aliases, contact);
    }

    /** A device never identified has no row: its contact is its base contact. */
    private Map<String, String> deviceContacts(Set<String> allDevices) {
        Map<String, String> out = new HashMap<>();
        allDevices.forEach(d -> out.put(d, devices.getOrDefault(d, IdentityIds.anon(d))));
        return out;
    }

    static Map<String, Long> countsPerContact(Map<String, String> contactOfEvent, UnaryOperator<String> resolve) {
        return contactOfEvent.values().stream()
                .collect(Collectors.groupingBy(resolve, TreeMap::new, Collectors.counting()));
    }

    static Map<String, String> resolveAll(Map<String, String> byDevice, UnaryOperator<String> resolve) {
        Map<String, String> out = new TreeMap<>();
        byDevice.forEach((device, contact) -> out.put(device, resolve.apply(contact)));
        return out;
    }

    /** Keys whose values differ, "engine / model", at most 10: a readable failure. */
    private static <V> Map<String, String> differences(Map<String, V> engine, Map<String, V> model) {
        Map<String, String> out = new TreeMap<>();
        Set<String> keys = new TreeSet<>(engine.keySet());
        keys.addAll(model.keySet());
        for (String k : keys) {
            if (!Objects.equals(engine.get(k), model.get(k)) && out.size() < 10) {
                out.put(k, engine.get(k) + " / " + model.get(k));
            }
        }
        return out;
    }
}
