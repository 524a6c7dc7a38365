package io.leadstream.gateway.mautic;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.leadstream.gateway.contacts.ContactStore;
import io.leadstream.store.cassandra.table.MauticIdOfTable;
import io.leadstream.store.cassandra.table.MauticIdsTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Stable integer ids for what Mautic's API names (contacts, segments, emails, campaigns, fields),
 * which we name by strings. A candidate comes from a hash of kind and name, at most 2^53 - 1 so a
 * JSON number holds it exactly; it is claimed with {@code INSERT ... IF NOT EXISTS} on its own
 * partition, so gateways assign ids side by side without a counter to contend on. At 100M contacts
 * about one candidate in 90M is taken already (birthday odds over 2^53): then the next candidate
 * of the same hash chain is tried. Ids never change once claimed, and are cached here.
 */
public final class MauticIds {
    public static final long MAX = (1L << 53) - 1;
    private static final int MAX_PROBES = 16;

    private final ContactStore store;
    private final AsyncCache<String, Long> ids = Caffeine.newBuilder().maximumSize(200_000).buildAsync();
    private final AsyncCache<String, Optional<String>> targets = Caffeine.newBuilder().maximumSize(200_000).buildAsync();

    public MauticIds(ContactStore store) {
        this.store = store;
    }

    /** The id of {@code target} of {@code kind}, claimed on first use. */
    public CompletionStage<Long> idOf(String kind, String target) {
        return ids.get(kind + "\u0000" + target, (k, executor) -> store.rows(MauticIdOfTable.SELECT_BY_KIND_AND_TARGET, kind, target)
                .thenCompose(rows -> rows.isEmpty() ? claim(kind, target, 0) : CompletableFuture.completedFuture(rows.get(0).getLong("id")))
                .toCompletableFuture());
    }

    /** What id {@code id} of {@code kind} names, if it was ever given. */
    public CompletionStage<Optional<String>> target(String kind, long id) {
        if (id < 1 || id > MAX) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<Optional<String>> found = targets.get(kind + "\u0000" + id, (k, executor) ->
                store.rows(MauticIdsTable.SELECT_BY_KIND_AND_ID, kind, id)
                        .thenApply(rows -> rows.isEmpty() ? Optional.<String>empty() : Optional.of(rows.get(0).getString("target")))
                        .toCompletableFuture());
        return found.thenApply(t -> {
            if (t.isEmpty()) {
                targets.synchronous().invalidate(kind + "\u0000" + id); // not given yet: ask again next time
            }
            return t;
        });
    }

    private CompletionStage<Long> claim(String kind, String target, int probe) {
        if (probe >= MAX_PROBES) {
            return CompletableFuture.failedFuture(new IllegalStateException("no free integer id for " + kind + " " + target));
        }
        long candidate = candidate(kind, target, probe);
        return store.applied(MauticIdsTable.INSERT_IF_NOT_EXISTS, kind, candidate, target)
                .thenCompose(applied -> applied ? CompletableFuture.completedFuture(true)
                        // Taken: by this very target (an earlier claim that did not finish), or by another.
                        : store.rows(MauticIdsTable.SELECT_BY_KIND_AND_ID, kind, candidate)
                                .thenApply(rows -> !rows.isEmpty() && target.equals(rows.get(0).getString("target"))))
                .thenCompose(ours -> {
                    if (!ours) {
                        return claim(kind, target, probe + 1);
                    }
                    // Two gateways may claim two ids for one target at once: the first reverse row wins, both ids name the target.
                    return store.applied(MauticIdOfTable.INSERT_IF_NOT_EXISTS, kind, target, candidate)
                            .thenCompose(won -> won ? CompletableFuture.completedFuture(candidate)
                                    : store.rows(MauticIdOfTable.SELECT_BY_KIND_AND_TARGET, kind, target)
                                            .thenApply(rows -> rows.get(0).getLong("id")));
                });
    }

    /** Candidate {@code probe} for a target: 53 bits of SHA-256 of kind, target and probe, never 0. */
    static long candidate(String kind, String target, int probe) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((kind + "\u0000" + target + "\u0000" + probe).getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            long id = v & MAX;
            return id == 0 ? 1 : id;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
