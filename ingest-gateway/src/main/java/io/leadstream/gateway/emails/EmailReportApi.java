package io.leadstream.gateway.emails;

import static io.leadstream.gateway.Responses.error;
import static io.leadstream.gateway.Responses.json;

import io.leadstream.gateway.Responses;
import io.leadstream.gateway.contacts.StatsStore;
import io.leadstream.gateway.definitions.DefinitionsCache;
import io.leadstream.store.cassandra.table.EmailLinkClicksTable;
import io.leadstream.store.cassandra.table.EmailReportDailyTable;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/emails/{id}/report[?from=DAY&to=DAY&format=json|csv]}: an email's report over UTC days ({@link EmailReport});
 * by default the last 30 days. 400 for a bad day or range (at most 400 days, what the engine keeps) or format, 404 for no such email,
 * 501 without the contacts store.
 */
public final class EmailReportApi {
    static final int MAX_DAYS = 400;

    private final StatsStore stats;
    private final DefinitionsCache definitions;
    private final Clock clock;

    /** {@code stats} null: the contacts store is off. */
    public EmailReportApi(StatsStore stats, DefinitionsCache definitions, Clock clock) {
        this.stats = stats;
        this.definitions = definitions;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get("/api/v1/emails/:id/report").handler(this::report);
    }

    void report(RoutingContext ctx) {
        if (stats == null) {
            error(ctx, 501, "email reports need the contacts store (gateway.contacts-api)");
            return;
        }
        String id = ctx.pathParam("id");
        if (definitions.get("emails", id).isEmpty()) {
            error(ctx, 404, "no email " + id);
            return;
        }
        String format = ctx.queryParams().get("format") == null ? "json" : ctx.queryParams().get("format");
        if (!format.equals("json") && !format.equals("csv")) {
            error(ctx, 400, "format: json or csv");
            return;
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate to;
        LocalDate from;
        try {
            to = day(ctx, "to", today);
            from = day(ctx, "from", to.minusDays(29));
        } catch (DateTimeParseException e) {
            error(ctx, 400, "from and to: days such as 2026-12-01");
            return;
        }
        if (from.isAfter(to) || from.plusDays(MAX_DAYS).isBefore(to)) {
            error(ctx, 400, "from must be on or before to, and at most " + MAX_DAYS + " days before it");
            return;
        }
        List<String> family = EmailFamily.of(id, definitions.all("emails"));
        Map<String, Future<List<EmailReportDailyTable.Row>>> rows = new LinkedHashMap<>();
        family.forEach(member -> rows.put(member, Future.fromCompletionStage(stats.emailReport(member))));
        Future<List<EmailLinkClicksTable.Row>> links = Future.fromCompletionStage(stats.emailLinks(id));
        Future.all(Future.all(List.copyOf(rows.values())), links).onComplete(ar -> ctx.vertx().runOnContext(v -> {
            if (ar.failed()) {
                Responses.notStored(ctx, "email report", ar.cause());
                return;
            }
            Map<String, List<EmailReportDailyTable.Row>> read = new LinkedHashMap<>();
            rows.forEach((member, f) -> read.put(member, f.result()));
            EmailReport report = new EmailReport(id, from, to, read, links.result());
            if (format.equals("csv")) {
                ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                        .putHeader("Content-Disposition", "attachment; filename=\"email-" + id + "-report.csv\"").end(report.toCsv());
            } else {
                json(ctx, report.toJson());
            }
        }));
    }

    private static LocalDate day(RoutingContext ctx, String name, LocalDate fallback) {
        String raw = ctx.queryParams().get(name);
        return raw == null ? fallback : LocalDate.parse(raw);
    }
}
