package io.leadstream.store.cassandra.table;

import java.time.Instant;
import java.util.Map;

/** A row of {@code companies} is a company as the engine keeps it, or a merged one naming its survivor. */
public final class CompaniesTable {
    public static final String NAME = "companies";

    private static final String COLUMNS = "company_id, fields, score, own_points, contact_points, contacts, created, updated, merged_into";

    public static final String SELECT_BY_COMPANY_ID = "SELECT " + COLUMNS + " FROM {ks}.companies WHERE company_id = ?";
    /** Binds the limit: the table is scanned in storage order. */
    public static final String SELECT_ALL_LIMIT = "SELECT " + COLUMNS + " FROM {ks}.companies LIMIT ?";

    private CompaniesTable() {}

    /** A company's row as the selects read it; absent counts read 0 and absent fields none. */
    public record Row(String companyId, Map<String, String> fields, int score, int ownPoints, int contactPoints, int contacts,
                      Instant created, Instant updated, String mergedInto) {
        public static Row from(com.datastax.oss.driver.api.core.cql.Row r) {
            Map<String, String> fields = r.isNull("fields") ? Map.of() : r.getMap("fields", String.class, String.class);
            return new Row(r.getString("company_id"), fields, intOf(r, "score"), intOf(r, "own_points"), intOf(r, "contact_points"),
                    intOf(r, "contacts"), r.getInstant("created"), r.getInstant("updated"), r.getString("merged_into"));
        }

        private static int intOf(com.datastax.oss.driver.api.core.cql.Row r, String column) {
            return r.isNull(column) ? 0 : r.getInt(column);
        }
    }
}
