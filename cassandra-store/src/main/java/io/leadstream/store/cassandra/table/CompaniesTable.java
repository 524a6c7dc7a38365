package io.leadstream.store.cassandra.table;

import java.time.Instant;
import java.util.Map;

/** A company as the company processor last wrote it; a merged one keeps a row naming its survivor, so its old id still answers. */
public final class CompaniesTable {
    public static final String NAME = "companies";

    public static final String INSERT = "INSERT INTO {ks}.companies (company_id, fields, score, own_points, contact_points, contacts, created, updated) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?";
    public static final String INSERT_MERGED_INTO =
            "INSERT INTO {ks}.companies (company_id, merged_into, updated) VALUES (?, ?, ?) USING TIMESTAMP ?";
    public static final String DELETE_BY_COMPANY_ID = "DELETE FROM {ks}.companies USING TIMESTAMP ? WHERE company_id = ?";

    private CompaniesTable() {}

    public record Row(String companyId, Map<String, String> fields, Integer score, Integer ownPoints, Integer contactPoints, Integer contacts,
                      Instant created, Instant updated, String mergedInto) {
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
