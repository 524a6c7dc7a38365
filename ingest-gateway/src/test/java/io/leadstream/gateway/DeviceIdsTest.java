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
        assertTrue(DeviceIds.valid(DeviceIds.mint()));
        assertTrue(DeviceIds.valid("a".repeat(64)));
        assertFalse(DeviceIds.valid(null));
        assertFalse(DeviceIds.valid("short"));
        assertFalse(DeviceIds.valid("a".repeat(65)));
        assertFalse(DeviceIds.valid("abcdefgh;Path=/"));
        assertFalse(DeviceIds.valid("abcdefgh\r\nX: y"));
        assertFalse(DeviceIds.valid("abcdéfgh"));
    }

    @Test
    void eventIdsAreVersion4Uuids() {
        UUID id = UUID.fromString(EventIds.next());
        assertEquals(4, id.version());
        assertEquals(2, id.variant());
    }
}
