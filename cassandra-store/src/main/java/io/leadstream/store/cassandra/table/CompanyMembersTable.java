package io.leadstream.store.cassandra.table;

import java.time.Instant;

/** A contact of a company, and since when: the company's contacts, paged by contact id. */
public final class CompanyMembersTable {
    public static final String NAME = "company_members";

    public static final String INSERT = "INSERT INTO {ks}.company_members (company_id, contact_id, since) VALUES (?, ?, ?) USING TIMESTAMP ?";
    public static final String DELETE_USING_TIMESTAMP_BY_COMPANY_ID_AND_CONTACT_ID =
            "DELETE FROM {ks}.company_members USING TIMESTAMP ? WHERE company_id = ? AND contact_id = ?";
    public static final String DELETE_USING_TIMESTAMP_BY_COMPANY_ID = "DELETE FROM {ks}.company_members USING TIMESTAMP ? WHERE company_id = ?";
    /** Binds the company and the limit; rows come by contact id. */
    public static final String SELECT_BY_COMPANY_ID_LIMIT = "SELECT contact_id, since FROM {ks}.company_members WHERE company_id = ? LIMIT ?";
    public static final String SELECT_SINCE_BY_COMPANY_ID_AND_CONTACT_ID =
            "SELECT since FROM {ks}.company_members WHERE company_id = ? AND contact_id = ?";

    public static final String SELECT_BY_COMPANY_ID_AND_CONTACT_ID = "SELECT * FROM {ks}.company_members WHERE company_id = ? AND contact_id = ?";

    public static final String DELETE_BY_COMPANY_ID_AND_CONTACT_ID = "DELETE FROM {ks}.company_members WHERE company_id = ? AND contact_id = ?";

    private CompanyMembersTable() {}

    public record Row(String companyId, String contactId, Instant since) {
        /** {@link #INSERT}'s values: the columns, then the write timestamp. */
        public Object[] values(long usingTimestamp) {
            return new Object[] {companyId, contactId, since, usingTimestamp};
        }
    }
}
