package io.leadstream.common.ids;

import java.util.Locale;

/**
 * Contact ids derived from data, never random, so a replay produces the same ids (docs/identity.md):
 * {@code anon(D)} is device D's base contact, {@code id(f, v)} the contact that owns identifier f=v.
 */
public final class IdentityIds {
    /** Identifier key of a click/open token's contact: the device is linked to that contact itself. */
    public static final String CONTACT_LINK = "contact";
    /** The key of an event with no device that names its contact (server-side API, imports of known contacts): {@code contact-device:ID}. */
    public static final String CONTACT_DEVICE = "contact-device:";

    private IdentityIds() {}

    /**
     * Device D's base contact. For the stand-in device of an event that names its contact, that
     * contact itself: an identifier such an event claims then belongs to the contact it named, where
     * its fields and timeline go, not to a contact of its own.
     */
    public static String anon(String deviceId) {
        return deviceId.startsWith(CONTACT_DEVICE) ? deviceId.substring(CONTACT_DEVICE.length()) : "a-" + hash(deviceId);
    }

    /** The provisional contact of an identifier key (see {@link #identifierKey}). */
    public static String forIdentifier(String identifierKey) {
        if (identifierKey.startsWith(CONTACT_LINK + ":")) {
            return identifierKey.substring(CONTACT_LINK.length() + 1);
        }
        return "i-" + hash(identifierKey);
    }

    /** {@code field:value}, the value trimmed and lower-cased: the key IdentifierOwner is keyed by. */
    public static String identifierKey(String field, String value) {
        return field + ":" + normalize(value);
    }

    public static String normalize(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }

    public static String fieldOf(String identifierKey) {
        return identifierKey.substring(0, identifierKey.indexOf(':'));
    }

    public static String valueOf(String identifierKey) {
        return identifierKey.substring(identifierKey.indexOf(':') + 1);
    }

    private static String hash(String s) {
        return DeterministicIds.of(s);
    }
}
