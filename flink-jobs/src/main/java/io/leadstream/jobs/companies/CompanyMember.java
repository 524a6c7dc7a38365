package io.leadstream.jobs.companies;

/**
 * A change of a company's contacts for its {@code company_members} rows: a contact in (since set)
 * or out, or all of them out (contact null: the company was deleted or merged away). A Flink POJO.
 */
public class CompanyMember {
    public String companyId;
    public String contactId;
    /** When the contact joined; null: it left. */
    public Long since;
    /** Write timestamp (microseconds), increasing: a leave and a join again in one flush to Cassandra keep their order. */
    public long version;

    public CompanyMember() {}

    static CompanyMember joined(String companyId, String contactId, long since) {
        CompanyMember m = new CompanyMember();
        m.companyId = companyId;
        m.contactId = contactId;
        m.since = since;
        return m;
    }

    static CompanyMember left(String companyId, String contactId) {
        CompanyMember m = new CompanyMember();
        m.companyId = companyId;
        m.contactId = contactId;
        return m;
    }

    static CompanyMember allLeft(String companyId) {
        return left(companyId, null);
    }
}
