package io.leadstream.gateway.companies;

import io.leadstream.gateway.companies.CompanyStore.Company;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Companies as this gateway knows them: the engine's rows ({@link CompanyStore}) with this gateway's own
 * recent writes ({@link RecentCompanyWrites}) laid over those the engine has not applied yet. A write
 * counts as applied once the row's {@code updated} is at or after it.
 */
public final class KnownCompanies {
    private final CompanyStore store;
    private final RecentCompanyWrites recent;

    public KnownCompanies(CompanyStore store, RecentCompanyWrites recent) {
        this.store = store;
        this.recent = recent;
    }

    public CompanyStore store() {
        return store;
    }

    /** The company {@code id} names now (its survivor after a merge); empty when there is none. */
    public CompletionStage<Optional<Company>> find(String id) {
        return find(id, id, 0);
    }

    private CompletionStage<Optional<Company>> find(String id, String requested, int hops) {
        Optional<RecentCompanyWrites.Pending> own = recent.of(id);
        if (own.isPresent() && own.get().deleted()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        if (own.isPresent() && own.get().mergedInto() != null && hops < CompanyStore.MAX_HOPS) {
            return find(own.get().mergedInto(), requested, hops + 1);
        }
        return store.company(id).thenApply(stored -> {
            if (stored.isEmpty()) {
                return own.filter(p -> p.created() != null).map(p -> fresh(id, requested, p));
            }
            Company c = stored.get().requestedAs(requested);
            Optional<RecentCompanyWrites.Pending> survivor = c.id().equals(id) ? own : recent.of(c.id());
            if (survivor.isPresent() && survivor.get().deleted()) {
                return Optional.<Company>empty();
            }
            return Optional.of(survivor.filter(p -> c.updated() == null || c.updated().isBefore(p.at())).map(p -> c.withFields(laid(c.fields(), p)))
                    .orElse(c));
        });
    }

    /** A company only this gateway knows of yet: what it was created with. */
    private static Company fresh(String id, String requested, RecentCompanyWrites.Pending p) {
        return new Company(id, requested, laid(Map.of(), p), 0, 0, 0, 0, p.created(), p.at());
    }

    private static Map<String, String> laid(Map<String, String> stored, RecentCompanyWrites.Pending p) {
        Map<String, String> out = new TreeMap<>(stored);
        p.fields().forEach((alias, value) -> {
            if (value.isEmpty()) {
                out.remove(alias);
            } else {
                out.put(alias, value);
            }
        });
        return java.util.Collections.unmodifiableMap(out);
    }
}
