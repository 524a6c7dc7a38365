package io.leadstream.store.cassandra.table;

import java.time.Instant;

/** A row of {@code users} is a gateway API user: the hash of its password and its role. */
public final class UsersTable {
    public static final String NAME = "users";

    public static final String SELECT_ALL = "SELECT username, password_hash, role, created_at, updated_at FROM {ks}.users";
    public static final String SELECT_BY_USERNAME =
            "SELECT username, password_hash, role, created_at, updated_at FROM {ks}.users WHERE username = ?";
    public static final String INSERT_IF_NOT_EXISTS =
            "INSERT INTO {ks}.users (username, password_hash, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?) IF NOT EXISTS";
    public static final String UPDATE_PASSWORD_HASH_AND_ROLE_BY_USERNAME_IF_EXISTS =
            "UPDATE {ks}.users SET password_hash = ?, role = ?, updated_at = ? WHERE username = ? IF EXISTS";
    public static final String UPDATE_PASSWORD_HASH_BY_USERNAME_IF_EXISTS =
            "UPDATE {ks}.users SET password_hash = ?, updated_at = ? WHERE username = ? IF EXISTS";
    public static final String UPDATE_ROLE_BY_USERNAME_IF_EXISTS = "UPDATE {ks}.users SET role = ?, updated_at = ? WHERE username = ? IF EXISTS";
    public static final String DELETE_BY_USERNAME_IF_EXISTS = "DELETE FROM {ks}.users WHERE username = ? IF EXISTS";

    private UsersTable() {}

    /** A user as stored; {@code role} is the role's label. */
    public record Row(String username, String passwordHash, String role, Instant createdAt, Instant updatedAt) {
        public static Row from(com.datastax.oss.driver.api.core.cql.Row r) {
            return new Row(r.getString("username"), r.getString("password_hash"), r.getString("role"), r.getInstant("created_at"),
                    r.getInstant("updated_at"));
        }

        /** The values of {@link #INSERT_IF_NOT_EXISTS}, in its column order. */
        public Object[] values() {
            return new Object[] {username, passwordHash, role, createdAt, updatedAt};
        }
    }
}
