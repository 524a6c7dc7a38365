package io.leadstream.workers;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.store.cassandra.table.ContactsByIdentifierTable;
import java.util.Locale;

/**
 * The contact an email address belongs to, as the gateway's bounce endpoint finds it: the
 * {@code email} identifier, trimmed and lower-cased as the engine stores it, unresolved (the engine
 * follows aliases itself).
 */
final class AddressOwners {
    private final CqlSession session;
    private final PreparedStatement byAddress;

    AddressOwners(CqlSession session, String ks) {
        this.session = session;
        this.byAddress = session.prepare(ContactsByIdentifierTable.SELECT_CONTACT_ID_BY_FIELD_AND_VALUE.replace("{ks}", ks));
    }

    /** The owner's contact id, or null when no contact has the address. */
    String contactOf(String address) {
        Row row = session.execute(byAddress.bind("email", address.trim().toLowerCase(Locale.ROOT))).one();
        return row == null ? null : row.getString(0);
    }
}
