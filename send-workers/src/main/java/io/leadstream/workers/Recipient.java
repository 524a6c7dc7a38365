package io.leadstream.workers;

import java.util.List;
import java.util.Map;

/**
 * What a send needs to know of its contact, read for a whole chunk of due messages at once
 * ({@link RecipientReads}): its ids (its own first, then those merged into it), its fields (its own
 * win), whether any id is do-not-contact for email, and which marketing emails it was already
 * reserved for (email id → send id).
 */
record Recipient(List<String> ids, Map<String, String> fields, boolean doNotContact, Map<String, String> marketingSends) {
    static Recipient unknown(String contactId) {
        return new Recipient(List.of(contactId), Map.of(), false, Map.of());
    }
}
