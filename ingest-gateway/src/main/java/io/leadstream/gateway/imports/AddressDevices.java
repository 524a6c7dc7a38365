package io.leadstream.gateway.imports;

import io.leadstream.common.ids.DeterministicIds;
import io.leadstream.common.ids.IdentityIds;

/**
 * The stand-in device of a contact created from its address alone (an import row, Mautic's
 * {@code contacts/new}): one per address, so every creation with the address names the same new
 * contact, {@code IdentityIds.anon(device)}, before the engine has seen any of them.
 */
public final class AddressDevices {
    private AddressDevices() {}

    public static String of(String email) {
        return "import-" + DeterministicIds.of(ImportColumns.EMAIL, IdentityIds.normalize(email));
    }
}
