package io.leadstream.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeviceIdsTest {
    @Test
    void acceptsMauticStyleIdsOnly() {
        assertTrue(DeviceIds.valid("abcDEF09_-"));
        assertTrue(DeviceIds.valid(new DeviceIds("a-secret-of-at-least-32-characters-0").mint()));
        assertTrue(DeviceIds.valid("a".repeat(64)));
        assertFalse(DeviceIds.valid(null));
        assertFalse(DeviceIds.valid("short"));
        assertFalse(DeviceIds.valid("a".repeat(65)));
        assertFalse(DeviceIds.valid("abcdefgh;Path=/"));
        assertFalse(DeviceIds.valid("abcdefgh\r\nX: y"));
        assertFalse(DeviceIds.valid("abcdéfgh"));
    }

    @Test
    void onlyMintedIdsAreSignedSoAStrangerCannotMakeOneUp() {
        DeviceIds devices = new DeviceIds("a-secret-of-at-least-32-characters-0");
        for (int i = 0; i < 1000; i++) { // signatures are base64url: some hold a dash themselves
            String id = devices.mint();
            assertTrue(devices.signed(id), id);
        }
        String minted = devices.mint();
        assertFalse(devices.signed("abcdefgh"), "unsigned");
        assertFalse(devices.signed(minted.substring(0, minted.length() - 1) + (minted.endsWith("A") ? "B" : "A")), "signature changed");
        assertFalse(devices.signed((minted.charAt(0) == '0' ? "1" : "0") + minted.substring(1)), "random part changed");
        assertFalse(new DeviceIds("another-secret-of-at-least-32-chars-1").signed(minted), "another gateway's key");
        assertFalse(devices.signed(null));
    }

    @Test
    void eventIdsAreVersion4Uuids() {
        UUID id = UUID.fromString(EventIds.next());
        assertEquals(4, id.version());
        assertEquals(2, id.variant());
    }
}
