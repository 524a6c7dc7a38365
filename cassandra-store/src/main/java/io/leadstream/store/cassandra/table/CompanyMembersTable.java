package io.leadstream.store.cassandra.table;

/** A row of {@code company_members} says a contact is in a company, and since when. */
public final class CompanyMembersTable {
    public static final String NAME = "company_members";

    /** Binds the company and the limit; rows come by contact id. */
    public static final String SELECT_BY_COMPANY_ID_LIMIT = "SELECT contact_id, since FROM {ks}.company_members WHERE company_id = ? LIMIT ?";
    public static final String SELECT_SINCE_BY_COMPANY_ID_AND_CONTACT_ID =
            "SELECT since FROM {ks}.company_members WHERE company_id = ? AND contact_id = ?";

    private CompanyMembersTable() {}
}
