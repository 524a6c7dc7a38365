package io.leadstream.gateway.mautic;

import io.leadstream.gateway.contacts.ContactStore;
import io.leadstream.gateway.contacts.SegmentStore;
import io.leadstream.store.cassandra.table.ContactsTable;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code GET /api/contacts}, Mautic's contact list: {@code search=email:x|segment:alias} (or a bare
 * address), {@code where[..]} on email, start and limit, and order by id or a field. Without a
 * search it lists at most {@value #MAX_LIST} contacts, in storage order.
 */
final class MauticContactSearch {
    private static final int MAX_LIST = 1000;

    private final MauticContacts contacts;
    private final ContactStore store;
    private final SegmentStore segments;

    MauticContactSearch(MauticContacts contacts, ContactStore store, SegmentStore segments) {
        this.contacts = contacts;
        this.store = store;
        this.segments = segments;
    }

    void list(RoutingContext ctx) {
        int start = MauticContacts.intParam(ctx, "start", 0);
        int limit = MauticContacts.intParam(ctx, "limit", 30);
        if (start < 0 || limit < 1 || start + limit > MAX_LIST) {
            MauticReplies.error(ctx, 400, "start and limit: start >= 0, 1 <= limit, start + limit <= " + MAX_LIST);
            return;
        }
        String search = ctx.queryParams().get("search");
        Map<String, String> where = where(ctx);
        Future<List<String>> candidates;
        if (search != null && !search.isBlank()) {
            String s = search.strip();
            if (s.regionMatches(true, 0, "segment:", 0, 8)) {
                candidates = Future.fromCompletionStage(segments.members(s.substring(8), "", start + limit));
            } else if (s.regionMatches(true, 0, "email:", 0, 6)) {
                candidates = contacts.byEmail(s.substring(6));
            } else if (s.contains("@") && !s.contains(" ")) {
                candidates = contacts.byEmail(s);
            } else {
                MauticReplies.error(ctx, 400, "search: email:ADDRESS, an address, or segment:ALIAS");
                return;
            }
        } else if (where.containsKey("email")) {
            candidates = contacts.byEmail(where.get("email"));
        } else if (!where.isEmpty()) {
            MauticReplies.error(ctx, 400, "where: col email with expr eq is supported");
            return;
        } else {
            candidates = Future.fromCompletionStage(store.rows(ContactsTable.selectContactIdLimit(start + limit)))
                    .map(rows -> rows.stream().map(r -> r.getString("contact_id")).toList());
        }
        String orderBy = ctx.queryParams().get("orderBy");
        boolean desc = "desc".equalsIgnoreCase(ctx.queryParams().get("orderByDir"));
        candidates.compose(list -> {
            List<Future<Optional<MauticContacts.Found>>> found = new ArrayList<>();
            new LinkedHashSet<>(list).forEach(id -> found.add(contacts.find(id)));
            return Future.all(found).map(cf -> cf.<Optional<MauticContacts.Found>>list());
        }).compose(found -> {
            Map<String, MauticContacts.Found> roots = new LinkedHashMap<>();
            found.forEach(f -> f.ifPresent(x -> roots.putIfAbsent(x.contactId(), x)));
            List<Future<JsonObject>> views = new ArrayList<>();
            roots.values().forEach(f -> views.add(contacts.view(f)));
            return Future.all(views).map(cf -> cf.<JsonObject>list());
        }).onComplete(ar -> {
            if (ar.failed()) {
                MauticReplies.failed(ctx, ar.cause());
                return;
            }
            List<JsonObject> sorted = new ArrayList<>(ar.result());
            Comparator<JsonObject> order = orderBy == null || orderBy.equals("id")
                    ? Comparator.comparingLong(c -> c.getLong("id"))
                    : Comparator.comparing(c -> String.valueOf(c.getJsonObject("fields").getJsonObject("all").getValue(orderBy)));
            sorted.sort(desc ? order.reversed() : order);
            JsonObject contacts = new JsonObject();
            sorted.stream().skip(start).limit(limit).forEach(c -> contacts.put(Long.toString(c.getLong("id")), c));
            MauticReplies.json(ctx, 200, new JsonObject().put("total", sorted.size()).put("contacts", contacts));
        });
    }

    /** {@code where[i][col]=c&where[i][expr]=eq&where[i][val]=v} as column to value. */
    private static Map<String, String> where(RoutingContext ctx) {
        Map<String, String> out = new TreeMap<>();
        for (int i = 0; i < 20; i++) {
            String col = ctx.queryParams().get("where[" + i + "][col]");
            if (col == null) {
                break;
            }
            String expr = ctx.queryParams().get("where[" + i + "][expr]");
            if (expr == null || expr.equals("eq")) {
                out.put(col, ctx.queryParams().get("where[" + i + "][val]"));
            } else {
                out.put(col + " " + expr, "");
            }
        }
        return out;
    }
}
