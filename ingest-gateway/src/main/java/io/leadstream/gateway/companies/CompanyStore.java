package io.leadstream.gateway.companies;

import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.gateway.contacts.ContactStore;
import io.leadstream.store.cassandra.table.CompaniesTable;
import io.leadstream.store.cassandra.table.CompanyMembersTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the companies the engine writes ({@code companies}, {@code company_members}; schema.cql) on the
 * contacts store's session, asynchronously. A deleted company has no row; a company merged into another
 * keeps a row naming its survivor, so an old id still answers: it is followed to the survivor, as a
 * contact's aliases are followed to its root.
 */
public final class CompanyStore {
    private static final Logger LOG = LoggerFactory.getLogger(CompanyStore.class);
    /** Merges followed from a requested id to its survivor. */
    public static final int MAX_HOPS = ContactStore.MAX_HOPS;
    /** Rows a list reads at most: the table is scanned in storage order. */
    public static final int MAX_SCAN = 20_000;

    private final ContactStore store;

    public CompanyStore(ContactStore store) {
        this.store = store;
    }

    /** A company as its row says; {@code requested}: the id asked for (another when it was merged into this one). */
    public record Company(String id, String requested, Map<String, String> fields, int score, int ownPoints, int contactPoints,
                          int contacts, Instant created, Instant updated) {
        public String name() {
            return fields.get(CompanyFields.NAME);
        }

        Company requestedAs(String asked) {
            return new Company(id, asked, fields, score, ownPoints, contactPoints, contacts, created, updated);
        }

        Company withFields(Map<String, String> newFields) {
            return new Company(id, requested, newFields, score, ownPoints, contactPoints, contacts, created, updated);
        }
    }

    /** A contact of a company, and since when. */
    public record Member(String contactId, Instant since) {}

    /** A page of a company's contacts, by contact id. */
    public record MemberPage(List<Member> members, boolean hasMore) {}

    /** The company {@code id} names, its survivor if it was merged; empty when there is none (never was, or deleted). */
    public CompletionStage<Optional<Company>> company(String id) {
        List<String> path = new ArrayList<>();
        path.add(id);
        return follow(id, path);
    }

    private CompletionStage<Optional<Company>> follow(String id, List<String> path) {
        return row(id).thenCompose(row -> {
            if (row.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.<Company>empty());
            }
            String survivor = row.get().mergedInto();
            if (survivor == null || survivor.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.of(company(row.get(), path.get(0))));
            }
            if (path.contains(survivor) || path.size() > MAX_HOPS) {
                // The engine forwards a merged company's commands to its survivor, so it never writes a loop; a row that does is answered as absent.
                LOG.warn("Company merges from {} do not end at a company: {} -> {}", path.get(0), path, survivor);
                return CompletableFuture.completedFuture(Optional.<Company>empty());
            }
            path.add(survivor);
            return follow(survivor, path);
        });
    }

    private CompletionStage<Optional<CompaniesTable.Row>> row(String id) {
        return store.rows(CompaniesTable.SELECT_BY_COMPANY_ID, id)
                .thenApply(rows -> rows.isEmpty() ? Optional.<CompaniesTable.Row>empty() : Optional.of(CompaniesTable.Row.from(rows.get(0))));
    }

    /**
     * The first {@code wanted} companies in storage order (merged ones left out), reading more rows while merged
     * ones are skipped, up to {@link #MAX_SCAN}; one more than wanted when there are more.
     */
    public CompletionStage<List<Company>> first(int wanted) {
        return first(wanted, Math.min(MAX_SCAN, wanted + 1 + wanted / 4));
    }

    private CompletionStage<List<Company>> first(int wanted, int limit) {
        return store.rows(CompaniesTable.SELECT_ALL_LIMIT, limit).thenCompose(rows -> {
            List<Company> out = new ArrayList<>();
            for (Row row : rows) {
                CompaniesTable.Row r = CompaniesTable.Row.from(row);
                String survivor = r.mergedInto();
                if (survivor == null || survivor.isEmpty()) {
                    out.add(company(r, r.companyId()));
                }
            }
            if (out.size() > wanted || rows.size() < limit || limit >= MAX_SCAN) {
                return CompletableFuture.completedFuture(out.size() > wanted + 1 ? List.copyOf(out.subList(0, wanted + 1)) : out);
            }
            return first(wanted, Math.min(MAX_SCAN, limit * 2));
        });
    }

    /** Page {@code page} (from 1) of the company's contacts, by contact id. */
    public CompletionStage<MemberPage> members(String companyId, int page, int size) {
        int upTo = page * size;
        return store.rows(CompanyMembersTable.SELECT_BY_COMPANY_ID_LIMIT, companyId, upTo + 1).thenApply(rows -> {
            List<Member> members = new ArrayList<>();
            for (int i = (page - 1) * size; i < Math.min(upTo, rows.size()); i++) {
                members.add(new Member(rows.get(i).getString("contact_id"), rows.get(i).getInstant("since")));
            }
            return new MemberPage(members, rows.size() > upTo);
        });
    }

    /** Since when the contact is in the company; empty when it is not. */
    public CompletionStage<Optional<Instant>> since(String companyId, String contactId) {
        return store.rows(CompanyMembersTable.SELECT_SINCE_BY_COMPANY_ID_AND_CONTACT_ID, companyId, contactId)
                .thenApply(rows -> rows.isEmpty() ? Optional.<Instant>empty() : Optional.ofNullable(rows.get(0).getInstant("since")));
    }

    private static Company company(CompaniesTable.Row r, String requested) {
        return new Company(r.companyId(), requested, Collections.unmodifiableMap(new TreeMap<>(r.fields())), r.score(),
                r.ownPoints(), r.contactPoints(), r.contacts(), r.created(), r.updated());
    }
}
