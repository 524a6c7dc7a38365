package io.leadstream.gateway.companies;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Read-your-writes for companies. A write is on Kafka when the API answers; the engine applies it and
 * writes the company's row a second or so later. For a while this gateway remembers what it wrote, so
 * the answer and the next request see the change (a company just created can take contacts at once).
 * In memory, per gateway, for {@code ttl}.
 */
public final class RecentCompanyWrites {
    /** What this gateway wrote to one company lately. Fields set to "" were cleared. */
    public static final class Pending {
        private Instant at;
        private Instant created;
        private final Map<String, String> fields = new LinkedHashMap<>();
        private boolean deleted;
        private String mergedInto;

        /** When it was last written here: a stored row updated since then has it applied already. */
        public synchronized Instant at() {
            return at;
        }

        public synchronized Instant created() {
            return created;
        }

        public synchronized Map<String, String> fields() {
            return Map.copyOf(fields);
        }

        public synchronized boolean deleted() {
            return deleted;
        }

        public synchronized String mergedInto() {
            return mergedInto;
        }
    }

    private final Cache<String, Pending> byCompany;

    public RecentCompanyWrites(Duration ttl) {
        this.byCompany = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).build();
    }

    public Optional<Pending> of(String companyId) {
        return Optional.ofNullable(byCompany.getIfPresent(companyId));
    }

    /** Fields set (created: a new company); a company deleted here and written again exists again. */
    public void fields(String companyId, Map<String, String> values, boolean created, Instant at) {
        change(companyId, at, p -> {
            if (created && p.created == null) {
                p.created = at;
            }
            p.deleted = false;
            p.fields.putAll(values);
        });
    }

    public void deleted(String companyId, Instant at) {
        change(companyId, at, p -> p.deleted = true);
    }

    public void merged(String companyId, String survivor, Instant at) {
        change(companyId, at, p -> p.mergedInto = survivor);
    }

    private synchronized void change(String companyId, Instant at, java.util.function.Consumer<Pending> change) {
        Pending p = byCompany.get(companyId, id -> new Pending());
        synchronized (p) {
            p.at = at;
            change.accept(p);
        }
        byCompany.put(companyId, p); // a new write restarts the period
    }
}
