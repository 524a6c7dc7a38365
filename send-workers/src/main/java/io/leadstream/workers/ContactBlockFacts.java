package io.leadstream.workers;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.common.content.ContentRules;
import io.leadstream.store.cassandra.table.ContactProfilesTable;
import io.leadstream.store.cassandra.table.ContactSegmentsTable;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What an email's dynamic content blocks filter on, for one contact: its fields (as read with its chunk),
 * and its segments, tags and points as the engine's views hold them. Read only for an email that has
 * blocks, so other sends cost nothing more.
 */
final class ContactBlockFacts {
    private final CqlSession session;
    private final PreparedStatement segments;
    private final PreparedStatement profile;

    ContactBlockFacts(CqlSession session, String ks) {
        this.session = session;
        this.segments = session.prepare(ContactSegmentsTable.SELECT_BY_CONTACT_ID.replace("{ks}", ks));
        this.profile = session.prepare(ContactProfilesTable.SELECT_BY_CONTACT_ID.replace("{ks}", ks));
    }

    ContentRules.Contact of(String contactId, Map<String, String> fields) {
        Set<String> in = new HashSet<>();
        session.execute(segments.bind(contactId)).forEach(r -> in.add(r.getString("segment_id")));
        Row p = session.execute(profile.bind(contactId)).one();
        ContactProfilesTable.Row row = p == null ? null : ContactProfilesTable.Row.from(contactId, p);
        int points = row == null || row.points() == null ? 0 : row.points();
        return new ContentRules.Contact(fields, in, row == null ? Set.of() : row.tags(), points);
    }
}
