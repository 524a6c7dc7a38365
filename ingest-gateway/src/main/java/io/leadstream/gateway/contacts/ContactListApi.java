package io.leadstream.gateway.contacts;

import static io.leadstream.gateway.Responses.error;
import static io.leadstream.gateway.Responses.json;
import static io.leadstream.gateway.contacts.ApiReplies.intParam;
import static io.leadstream.gateway.contacts.ApiReplies.reply;

import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.gateway.contacts.ContactStore.Profile;
import io.leadstream.store.cassandra.table.ContactsTable;
import io.leadstream.store.cassandra.table.SegmentMembersTable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * {@code GET /api/v1/contacts/list}: contacts a page at a time, filtered by a search text (in any
 * field), a segment, a tag, a field's value, least points and last active. The candidates are the
 * segment's members or, without one, every contact row in token order; each page looks at no more
 * than {@value #SCAN} of them and answers those that match with {@code next}, the cursor to go on
 * from (null at the end), so a narrow filter may take several short pages. Merged ids are left out:
 * their root is listed once, as itself.
 */
public final class ContactListApi {
    static final int SCAN = 100;

    private final ContactStore store;

    public ContactListApi(ContactStore store) {
        this.store = store;
    }

    public void mount(Router router) {
        router.get("/api/v1/contacts/list").handler(this::list);
    }

    void list(RoutingContext ctx) {
        if (!ApiReplies.contactsOn(ctx, store)) {
            return;
        }
        Integer limit = intParam(ctx, "limit", 25);
        Integer minPoints = ctx.queryParams().contains("minPoints") ? intParam(ctx, "minPoints", 0) : Integer.valueOf(Integer.MIN_VALUE);
        if (limit == null || limit < 1 || limit > 100 || minPoints == null) {
            error(ctx, 400, "limit: 1 to 100; minPoints: an integer");
            return;
        }
        Instant activeSince;
        try {
            String raw = ctx.queryParams().get("activeSince");
            activeSince = raw == null || raw.isBlank() ? null : LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            error(ctx, 400, "activeSince: a date such as 2026-11-01");
            return;
        }
        Predicate<Profile> filter = filter(ctx, minPoints, activeSince);
        String segment = ctx.queryParams().get("segment");
        String after = ctx.queryParams().get("after");
        CompletionStage<List<Row>> candidates = segment != null && !segment.isBlank()
                ? store.rows(SegmentMembersTable.SELECT_BY_SEGMENT_ID_AFTER, segment,
                        after == null ? "" : after, SCAN)
                : after == null
                        ? store.rows(ContactsTable.SELECT_CONTACT_ID, SCAN)
                        : store.rows(ContactsTable.SELECT_CONTACT_ID_AFTER, after, SCAN);
        reply(ctx, candidates.thenCompose(rows -> profiles(rows).thenApply(found -> page(rows, found, filter, limit))), page -> json(ctx, page));
    }

    private CompletionStage<List<Optional<Profile>>> profiles(List<Row> rows) {
        List<CompletableFuture<Optional<Profile>>> all = new ArrayList<>();
        rows.forEach(r -> all.add(store.profile(r.getString("contact_id")).toCompletableFuture()));
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> all.stream().map(CompletableFuture::join).toList());
    }

    /** Matches in candidate order, up to {@code limit}; the cursor is the last candidate looked at. */
    private static JsonObject page(List<Row> rows, List<Optional<Profile>> found, Predicate<Profile> filter, int limit) {
        JsonArray contacts = new JsonArray();
        String last = null;
        int looked = 0;
        for (int i = 0; i < rows.size() && contacts.size() < limit; i++) {
            last = rows.get(i).getString("contact_id");
            looked++;
            Optional<Profile> p = found.get(i);
            String id = last;
            if (p.isPresent() && p.get().id().equals(id) && filter.test(p.get())) { // an alias's root is listed as itself
                contacts.add(summary(p.get()));
            }
        }
        boolean more = looked < rows.size() || rows.size() == SCAN;
        return new JsonObject().put("contacts", contacts).put("scanned", looked).put("next", more ? last : null);
    }

    private static Predicate<Profile> filter(RoutingContext ctx, int minPoints, Instant activeSince) {
        String q = lower(ctx.queryParams().get("q"));
        String tag = ctx.queryParams().get("tag");
        String field = ctx.queryParams().get("field");
        String value = lower(ctx.queryParams().get("value"));
        return p -> (q == null || p.fields().values().stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains(q))
                        || p.id().toLowerCase(Locale.ROOT).contains(q))
                && (tag == null || tag.isBlank() || p.pointsAndTags().tags().contains(tag))
                && (field == null || field.isBlank() || (value == null ? p.fields().containsKey(field)
                        : p.fields().getOrDefault(field, "").toLowerCase(Locale.ROOT).contains(value)))
                && p.pointsAndTags().points() >= minPoints
                && (activeSince == null || (p.lastSeen() != null && !p.lastSeen().isBefore(activeSince)));
    }

    private static JsonObject summary(Profile p) {
        return new JsonObject().put("id", p.id()).put("email", p.fields().get("email"))
                .put("name", String.join(" ", p.fields().getOrDefault("firstname", ""), p.fields().getOrDefault("lastname", "")).strip())
                .put("points", p.pointsAndTags().points()).put("tags", new JsonArray(p.pointsAndTags().tags()))
                .put("lastSeen", p.lastSeen() == null ? null : p.lastSeen().toString());
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.strip().toLowerCase(Locale.ROOT);
    }
}
