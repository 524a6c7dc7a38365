package io.leadstream.store.cassandra.table;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The engine's view of a contact beyond its fields (points, tags, stage, companies), for the API and dashboards. */
public final class ContactProfilesTable {
    public static final String NAME = "contact_profiles";

    public static final String INSERT = "INSERT INTO {ks}.contact_profiles (contact_id, points, points_by_group, tags, stage, companies, primary_company) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?";

    private ContactProfilesTable() {}

    public record Row(String contactId, int points, Map<String, Integer> pointsByGroup, Set<String> tags, String stage, List<String> companies,
                      String primaryCompany) {
        /** {@link #INSERT}'s values: the columns, then the write timestamp. */
        public Object[] values(long usingTimestamp) {
            return new Object[] {contactId, points, pointsByGroup, tags, stage, companies, primaryCompany, usingTimestamp};
        }
    }
}
