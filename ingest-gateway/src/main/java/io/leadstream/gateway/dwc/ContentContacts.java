package io.leadstream.gateway.dwc;

import io.leadstream.common.content.ContentRules;
import io.leadstream.gateway.contacts.ContactStore;
import io.leadstream.store.cassandra.table.ContactSegmentsTable;
import io.vertx.core.Future;
import java.util.HashSet;
import java.util.Set;

/** What dynamic content filters on, for one contact as the store holds it: fields, segments, tags, points (unknown when not stored). */
public final class ContentContacts {
    private ContentContacts() {}

    public static Future<ContentRules.Contact> of(ContactStore contacts, String contactId) {
        return Future.fromCompletionStage(contacts.profile(contactId)).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(ContentRules.Contact.UNKNOWN);
            }
            ContactStore.Profile p = found.get();
            return Future.fromCompletionStage(contacts.rows(ContactSegmentsTable.SELECT_BY_CONTACT_ID, p.id()))
                    .map(rows -> {
                        Set<String> segments = new HashSet<>();
                        rows.forEach(r -> segments.add(r.getString(0)));
                        return new ContentRules.Contact(p.fields(), segments, Set.copyOf(p.pointsAndTags().tags()), p.pointsAndTags().points());
                    });
        });
    }
}
