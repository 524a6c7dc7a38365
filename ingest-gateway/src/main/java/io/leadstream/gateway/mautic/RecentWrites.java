package io.leadstream.gateway.mautic;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Read-your-writes for the Mautic API. A change is on Kafka when the API answers, but the engine
 * applies it and Cassandra shows it a moment later: for a while this gateway lays what it wrote
 * over what it reads, so the answer and the next request show the change. Kept in memory per
 * gateway for {@code ttl}, well past the engine's usual delay (under a second).
 */
final class RecentWrites {
    /** What this gateway wrote to a contact lately; a field set to null was blanked. */
    static final class Pending {
        final Map<String, String> fields = new HashMap<>();
        Integer pointsDelta;
        int basePoints;
        final Map<String, Boolean> dnc = new HashMap<>();
        final Set<String> tagsAdded = new HashSet<>();
        final Set<String> tagsRemoved = new HashSet<>();
    }

    private final Cache<String, Pending> byContact;
    private final Cache<String, String> contactByEmail;

    RecentWrites(Duration ttl) {
        this.byContact = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).build();
        this.contactByEmail = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).build();
    }

    synchronized Pending change(String contactId) {
        Pending p = byContact.get(contactId, id -> new Pending());
        byContact.put(contactId, p); // a new write restarts the period
        return p;
    }

    Optional<Pending> of(String contactId) {
        return Optional.ofNullable(byContact.getIfPresent(contactId));
    }

    void created(String email, String contactId) {
        contactByEmail.put(email.trim().toLowerCase(java.util.Locale.ROOT), contactId);
    }

    Optional<String> contactFor(String email) {
        return Optional.ofNullable(contactByEmail.getIfPresent(email.trim().toLowerCase(java.util.Locale.ROOT)));
    }
}
