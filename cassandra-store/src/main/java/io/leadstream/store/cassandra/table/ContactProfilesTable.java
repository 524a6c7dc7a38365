package io.leadstream.store.cassandra.table;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The engine's view of a contact beyond its fields (points, tags, stage, companies), for the API and dashboards. */
public final class ContactProfilesTable {
    public static final String NAME = "contact_profiles";

    public static final String INSERT = "INSERT INTO {ks}.contact_profiles (contact_id, points, points_by_group, tags, stage, companies, primary_company) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?";

    public static final String SELECT_BY_CONTACT_ID =
            "SELECT points, points_by_group, tags, stage, companies, primary_company FROM {ks}.contact_profiles WHERE contact_id = ?";

    private ContactProfilesTable() {}

    /** Collections read empty, never null, as the driver reads them. */
    public record Row(String contactId, Integer points, Map<String, Integer> pointsByGroup, Set<String> tags, String stage, List<String> companies,
                      String primaryCompany) {
        /** A row as {@link #SELECT_BY_CONTACT_ID} reads it: the contact is the one asked for. */
        public static Row from(String contactId, com.datastax.oss.driver.api.core.cql.Row r) {
            return new Row(contactId, r.get("points", Integer.class), r.getMap("points_by_group", String.class, Integer.class),
                    r.getSet("tags", String.class), r.getString("stage"), r.getList("companies", String.class), r.getString("primary_company"));
        }

        /** {@link #INSERT}'s values: the columns, then the write timestamp. */
        public Object[] values(long usingTimestamp) {
            return new Object[] {contactId, points, pointsByGroup, tags, stage, companies, primaryCompany, usingTimestamp};
        }
    }
}
