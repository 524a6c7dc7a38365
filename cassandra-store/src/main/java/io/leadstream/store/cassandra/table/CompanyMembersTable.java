package io.leadstream.store.cassandra.table;

/** A contact in a company's contacts, since when. */
public final class CompanyMembersTable {
    public static final String NAME = "company_members";

    public static final String SELECT_BY_COMPANY_ID_AND_CONTACT_ID = "SELECT * FROM {ks}.company_members WHERE company_id = ? AND contact_id = ?";
    public static final String DELETE_BY_COMPANY_ID_AND_CONTACT_ID = "DELETE FROM {ks}.company_members WHERE company_id = ? AND contact_id = ?";

    private CompanyMembersTable() {}
}
