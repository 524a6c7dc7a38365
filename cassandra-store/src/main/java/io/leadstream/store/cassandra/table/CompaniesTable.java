package io.leadstream.store.cassandra.table;

import java.time.Instant;
import java.util.Map;

/** A company as the company processor last wrote it; a merged one keeps a row naming its survivor, so its old id still answers. */
public final class CompaniesTable {
    public static final String NAME = "companies";

    private static final String COLUMNS = "company_id, fields, score, own_points, contact_points, contacts, created, updated, merged_into";

    public static final String INSERT = "INSERT INTO {ks}.companies (company_id, fields, score, own_points, contact_points, contacts, created, updated) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?";
    public static final String INSERT_MERGED_INTO =
            "INSERT INTO {ks}.companies (company_id, merged_into, updated) VALUES (?, ?, ?) USING TIMESTAMP ?";
    public static final String DELETE_USING_TIMESTAMP_BY_COMPANY_ID = "DELETE FROM {ks}.companies USING TIMESTAMP ? WHERE company_id = ?";
    public static final String SELECT_BY_COMPANY_ID = "SELECT " + COLUMNS + " FROM {ks}.companies WHERE company_id = ?";
    /** Binds the limit: the table is scanned in storage order. */
    public static final String SELECT_ALL_LIMIT = "SELECT " + COLUMNS + " FROM {ks}.companies LIMIT ?";

    private CompaniesTable() {}

    public record Row(String companyId, Map<String, String> fields, Integer score, Integer ownPoints, Integer contactPoints, Integer contacts,
                      Instant created, Instant updated, String mergedInto) {
        /** A company's row as the selects read it; absent counts read 0 and absent fields none. */
        public static Row from(com.datastax.oss.driver.api.core.cql.Row r) {
            Map<String, String> fields = r.isNull("fields") ? Map.of() : r.getMap("fields", String.class, String.class);
            return new Row(r.getString("company_id"), fields, intOf(r, "score"), intOf(r, "own_points"), intOf(r, "contact_points"),
                    intOf(r, "contacts"), r.getInstant("created"), r.getInstant("updated"), r.getString("merged_into"));
        }

        private static int intOf(com.datastax.oss.driver.api.core.cql.Row r, String column) {
            return r.isNull(column) ? 0 : r.getInt(column);
        }

        /** {@link #INSERT}'s values (all but merged_into), then the write timestamp. */
        public Object[] values(long usingTimestamp) {
            return new Object[] {companyId, fields, score, ownPoints, contactPoints, contacts, created, updated, usingTimestamp};
        }

        /** {@link #INSERT_MERGED_INTO}'s values, then the write timestamp. */
        public Object[] mergedIntoValues(long usingTimestamp) {
            return new Object[] {companyId, mergedInto, updated, usingTimestamp};
        }
    }
}
