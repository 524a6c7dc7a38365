package io.leadstream.store.cassandra.table;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The engine's view of a contact beyond its fields (points, tags, stage, companies), for the API and dashboards. */
public final class ContactProfilesTable {
    public static final String NAME = "contact_profiles";

    public static final String SELECT_BY_CONTACT_ID =
            "SELECT points, points_by_group, tags, stage, companies, primary_company FROM {ks}.contact_profiles WHERE contact_id = ?";

    private ContactProfilesTable() {}

    /** A row as {@link #SELECT_BY_CONTACT_ID} reads it (all but the key); collections are empty, never null, as the driver reads them. */
    public record Row(Integer points, Map<String, Integer> pointsByGroup, Set<String> tags, String stage, List<String> companies,
                      String primaryCompany) {
        public static Row from(com.datastax.oss.driver.api.core.cql.Row r) {
            return new Row(r.get("points", Integer.class), r.getMap("points_by_group", String.class, Integer.class),
                    r.getSet("tags", String.class), r.getString("stage"), r.getList("companies", String.class), r.getString("primary_company"));
        }
    }
}
