package io.leadstream.gateway.auth;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.leadstream.gateway.contacts.ContactStore;
import io.leadstream.store.cassandra.table.UsersTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Users in Cassandra's {@code users} table. Lookups for authentication are cached briefly, so a
 * client calling many times a second reads the row once per {@code ttl}; this gateway's own changes
 * drop the cached row at once, another gateway's take effect within {@code ttl}.
 */
public final class UserStore {
    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,99}");

    /** A stored user; the hash never leaves the gateway. */
    public record User(String username, String passwordHash, Role role, Instant createdAt, Instant updatedAt) {}

    private final ContactStore store;
    private final AsyncLoadingCache<String, Optional<User>> cache;

    public UserStore(ContactStore store, Duration ttl) {
        this.store = store;
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000)
                .buildAsync((name, executor) -> read(name).toCompletableFuture());
    }

    public CompletionStage<Optional<User>> find(String username) {
        return cache.get(username);
    }

    public CompletionStage<List<User>> all() {
        return store.rows(UsersTable.SELECT_ALL).thenApply(rows -> rows.stream().map(UsersTable.Row::from).map(UserStore::user)
                .sorted(java.util.Comparator.comparing(User::username)).toList());
    }

    /** Creates the user unless the name is taken: whether it was created. */
    public CompletionStage<Boolean> create(String username, String password, Role role) {
        Instant now = Instant.now();
        return store.applied(UsersTable.INSERT_IF_NOT_EXISTS, new UsersTable.Row(username, PasswordHashing.hash(password), role.label(), now, now).values())
                .whenComplete((ok, e) -> cache.synchronous().invalidate(username));
    }

    /** Changes the password (when given) and the role (when given) of an existing user: whether it existed. */
    public CompletionStage<Boolean> update(String username, String password, Role role) {
        String hash = password == null ? null : PasswordHashing.hash(password);
        CompletionStage<Boolean> done;
        if (hash != null && role != null) {
            done = store.applied(UsersTable.UPDATE_PASSWORD_HASH_AND_ROLE_BY_USERNAME_IF_EXISTS, hash, role.label(), Instant.now(), username);
        } else if (hash != null) {
            done = store.applied(UsersTable.UPDATE_PASSWORD_HASH_BY_USERNAME_IF_EXISTS, hash, Instant.now(), username);
        } else if (role != null) {
            done = store.applied(UsersTable.UPDATE_ROLE_BY_USERNAME_IF_EXISTS, role.label(), Instant.now(), username);
        } else {
            done = find(username).thenApply(Optional::isPresent);
        }
        return done.whenComplete((ok, e) -> cache.synchronous().invalidate(username));
    }

    public CompletionStage<Boolean> delete(String username) {
        return store.applied(UsersTable.DELETE_BY_USERNAME_IF_EXISTS, username)
                .whenComplete((ok, e) -> cache.synchronous().invalidate(username));
    }

    private CompletionStage<Optional<User>> read(String username) {
        if (!USERNAME.matcher(username).matches()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return store.rows(UsersTable.SELECT_BY_USERNAME, username)
                .thenApply(rows -> rows.stream().findFirst().map(UsersTable.Row::from).map(UserStore::user));
    }

    private static User user(UsersTable.Row r) {
        return new User(r.username(), r.passwordHash(), Role.of(r.role()), r.createdAt(), r.updatedAt());
    }
}
