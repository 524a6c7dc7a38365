package io.leadstream.common.ids;

import io.leadstream.common.config.ConfigOption;

/**
 * Which fields identify a contact: the engine's identity stage merges on them and the gateway checks
 * definitions against them, so the option lives with the identity ids both use. Its key keeps the
 * engine's namespace; the engine module owns that namespace ({@code ModuleOptions}).
 */
public final class IdentityOptions {
    private IdentityOptions() {}

    public static final ConfigOption<String> IDENTIFIER_FIELDS = ConfigOption.key("engine.identifier-fields")
            .stringType().defaultValue("email")
            .withDescription("Unique identifier fields, comma-separated, in precedence order (OR): an event carrying one identifies its device's contact.");
}
