package io.leadstream.store.cassandra.table;

import java.util.List;

/**
 * The tables holding a person's rows, each with the column its partitions are found by: what a GDPR
 * access request reads and an erasure deletes (rows in shared tables are found otherwise). Aggregates
 * (email and campaign stats) hold no person.
 */
public final class ContactTables {
    /** A table whose partitions are found by one key column. */
    public record Keyed(String table, String keyColumn) {}

    /** Tables keyed by a contact id, in the order an export lists them. */
    public static final List<Keyed> BY_CONTACT = List.of(
            new Keyed(ContactsTable.NAME, "contact_id"), new Keyed(ContactFieldsTable.NAME, "contact_id"),
            new Keyed(ContactTimelineTable.NAME, "contact_id"), new Keyed(ContactAliasesTable.NAME, "alias_id"),
            new Keyed(ContactMergedIdsTable.NAME, "target_id"), new Keyed(ContactProfilesTable.NAME, "contact_id"),
            new Keyed(ContactSegmentsTable.NAME, "contact_id"), new Keyed(CampaignLogTable.NAME, "contact_id"),
            new Keyed(ContactDncTable.NAME, "contact_id"), new Keyed(ContactBouncesTable.NAME, "contact_id"),
            new Keyed(MarketingSendsTable.NAME, "contact_id"), new Keyed(ContactMarketingSendsTable.NAME, "contact_id"),
            new Keyed(ContactWebhooksTable.NAME, "contact_id"), new Keyed(ContactFormSubmissionsTable.NAME, "contact_id"));
    /** Tables keyed by a device id. */
    public static final List<Keyed> BY_DEVICE = List.of(new Keyed(DeviceContactsTable.NAME, "device_id"));

    private ContactTables() {}

    /** Every row of a key's partition, all columns. */
    public static String selectByKey(Keyed t) {
        return "SELECT * FROM {ks}." + t.table() + " WHERE " + t.keyColumn() + " = ?";
    }

    /** Deletes a key's partition. */
    public static String deleteByKey(Keyed t) {
        return "DELETE FROM {ks}." + t.table() + " WHERE " + t.keyColumn() + " = ?";
    }
}
