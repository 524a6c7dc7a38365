package io.leadstream.gateway.auth;

import java.util.Locale;

/** What a user may do: admins everything, marketers everything but users, analysts only read. */
public enum Role {
    ADMIN, MARKETER, ANALYST;

    public boolean mayWrite() {
        return this != ANALYST;
    }

    public boolean mayManageUsers() {
        return this == ADMIN;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code label} (any case), or null. */
    public static Role of(String label) {
        for (Role r : values()) {
            if (r.name().equalsIgnoreCase(label)) {
                return r;
            }
        }
        return null;
    }
}
