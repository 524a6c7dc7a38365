package io.leadstream.email;

import io.leadstream.common.config.ConfigOption;
import io.leadstream.common.config.ModuleOptions;
import java.util.Set;

/**
 * What a tracked link is made of: the gateway's public URL and the key that signs its tokens. The gateway
 * answers the links and the send workers write them into emails, so both read these two of the gateway's keys.
 */
public final class LinkOptions {
    private LinkOptions() {}

    /** Known wherever links are made; the gateway's namespace stays the gateway module's to check. */
    public static final class Module implements ModuleOptions {
        @Override
        public Class<?> holder() {
            return LinkOptions.class;
        }

        @Override
        public Set<String> namespaces() {
            return Set.of();
        }
    }

    public static final ConfigOption<String> PUBLIC_URL = ConfigOption.key("gateway.public-url")
            .stringType().defaultValue("")
            .withDescription("Public base URL used in links and printed at start; empty derives it from host and port.");

    public static final ConfigOption<String> TOKEN_SECRET = ConfigOption.key("gateway.token-secret")
            .stringType().defaultValue("")
            .withDescription("HMAC key signing open/click/unsubscribe tokens (at least 32 characters). Empty: a random key per process.");
}
