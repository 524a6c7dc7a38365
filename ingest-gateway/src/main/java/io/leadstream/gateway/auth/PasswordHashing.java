package io.leadstream.gateway.auth;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/** Argon2id password hashes (Spring Security's encoder over Bouncy Castle): salted, memory-hard, parameters kept in the hash. */
public final class PasswordHashing {
    private static final Argon2PasswordEncoder ENCODER = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    public static final int MIN_LENGTH = 8;

    private PasswordHashing() {}

    public static String hash(String password) {
        return ENCODER.encode(password);
    }

    public static boolean matches(String password, String hash) {
        return hash != null && ENCODER.matches(password, hash);
    }
}
