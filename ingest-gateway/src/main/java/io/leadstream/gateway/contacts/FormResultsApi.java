package io.leadstream.gateway.contacts;

import static io.leadstream.gateway.Responses.error;
import static io.leadstream.gateway.Responses.json;
import static io.leadstream.gateway.contacts.ApiReplies.intParam;
import static io.leadstream.gateway.contacts.ApiReplies.reply;

import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.gateway.definitions.DefinitionsCache;
import io.leadstream.store.cassandra.table.FormSubmissionsTable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code GET /api/v1/forms/{id}/submissions[?limit=N&before=INSTANT&format=csv]}: a form's results,
 * newest first, as JSON pages ({@code next} is the {@code before} of the next page) or as one CSV
 * download (a column per form field in the form's order, then any value the form no longer has).
 */
public final class FormResultsApi {
    private static final int MAX_PAGE = 1000;
    private static final int MAX_CSV = 100_000;

    private final ContactStore store;
    private final DefinitionsCache definitions;

    public FormResultsApi(ContactStore store, DefinitionsCache definitions) {
        this.store = store;
        this.definitions = definitions;
    }

    public void mount(Router router) {
        router.get("/api/v1/forms/:id/submissions").handler(this::submissions);
    }

    void submissions(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        JsonObject form = definitions.get("forms", id).orElse(null);
        if (!ApiReplies.contactsOn(ctx, store)) {
            return;
        }
        if (form == null) {
            error(ctx, 404, "no form " + id);
            return;
        }
        boolean csv = "csv".equals(ctx.queryParams().get("format"));
        Integer limit = intParam(ctx, "limit", csv ? MAX_CSV : 50);
        if (limit == null || limit < 1 || limit > (csv ? MAX_CSV : MAX_PAGE)) {
            error(ctx, 400, "limit: an integer from 1 to " + (csv ? MAX_CSV : MAX_PAGE));
            return;
        }
        Instant before;
        try {
            String raw = ctx.queryParams().get("before");
            before = raw == null ? Instant.now().plusSeconds(86_400) : Instant.parse(raw);
        } catch (DateTimeParseException e) {
            error(ctx, 400, "before: an instant such as 2026-12-01T09:00:00Z");
            return;
        }
        reply(ctx, store.rows(FormSubmissionsTable.SELECT_BY_FORM_ID_BEFORE, id, before, limit + 1), rows -> {
                    boolean more = rows.size() > limit;
                    List<Row> page = more ? rows.subList(0, limit) : rows;
                    if (csv) {
                        ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                                .putHeader("Content-Disposition", "attachment; filename=\"form-" + id + "-submissions.csv\"")
                                .end(csv(form, page));
                        return;
                    }
                    JsonArray out = new JsonArray();
                    page.forEach(r -> out.add(new JsonObject().put("submittedAt", r.getInstant("submitted_at").toString())
                            .put("eventId", r.getString("event_id")).put("contact", r.getString("contact_id"))
                            .put("pageUrl", r.getString("page_url")).put("values", new JsonObject(Map.copyOf(values(r))))));
                    json(ctx, new JsonObject().put("form", id).put("submissions", out)
                            .put("next", more ? page.get(page.size() - 1).getInstant("submitted_at").toString() : null));
                });
    }

    private static String csv(JsonObject form, List<Row> rows) {
        Set<String> columns = new LinkedHashSet<>();
        form.getJsonArray("fields", new JsonArray()).forEach(f -> {
            String type = ((JsonObject) f).getString("type", "text");
            if (!type.equals("freetext") && !type.equals("freehtml")) { // shown in the form, never posted
                columns.add(((JsonObject) f).getString("alias"));
            }
        });
        rows.forEach(r -> columns.addAll(values(r).keySet()));
        List<String> header = new ArrayList<>(List.of("submitted_at", "contact_id", "page_url"));
        header.addAll(columns);
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (Row r : rows) {
                List<String> record = new ArrayList<>(List.of(r.getInstant("submitted_at").toString(), nullToEmpty(r.getString("contact_id")),
                        nullToEmpty(r.getString("page_url"))));
                columns.forEach(c -> record.add(values(r).getOrDefault(c, "")));
                printer.printRecord(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Map<String, String> values(Row r) {
        return r.getMap("form_values", String.class, String.class);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
