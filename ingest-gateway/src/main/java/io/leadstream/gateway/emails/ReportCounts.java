package io.leadstream.gateway.emails;

import io.leadstream.store.cassandra.table.EmailReportDailyTable;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The counts of an email report's rows, added up (a scope over a range of days). */
record ReportCounts(long sent, long delivered, long opens, long uniqueOpens, long clicks, long uniqueClicks, long unsubscribed, long bouncedHard,
                    long bouncedSoft, long failed, long suppressed, Map<String, Long> suppressedBy, long queued) {
    static final ReportCounts NONE = new ReportCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0);
    /** The reasons a send is suppressed for, as the engine counts them. */
    static final List<String> REASONS = List.of("dnc", "frequency", "once", "address", "other");

    static ReportCounts of(EmailReportDailyTable.Row r) {
        return new ReportCounts(r.sent(), r.delivered(), r.opens(), r.uniqueOpens(), r.clicks(), r.uniqueClicks(), r.unsubscribed(), r.bouncedHard(),
                r.bouncedSoft(), r.failed(), r.suppressed(), r.suppressedBy() == null ? Map.of() : r.suppressedBy(), r.queued());
    }

    ReportCounts plus(ReportCounts o) {
        Map<String, Long> by = new TreeMap<>(suppressedBy);
        o.suppressedBy.forEach((k, v) -> by.merge(k, v, Long::sum));
        return new ReportCounts(sent + o.sent, delivered + o.delivered, opens + o.opens, uniqueOpens + o.uniqueOpens, clicks + o.clicks,
                uniqueClicks + o.uniqueClicks, unsubscribed + o.unsubscribed, bouncedHard + o.bouncedHard, bouncedSoft + o.bouncedSoft, failed + o.failed,
                suppressed + o.suppressed, by, queued + o.queued);
    }

    JsonObject toJson() {
        JsonObject by = new JsonObject();
        suppressedBy.forEach((k, v) -> {
            if (v != 0) {
                by.put(k, v);
            }
        });
        return new JsonObject().put("sent", sent).put("delivered", delivered).put("opens", opens).put("uniqueOpens", uniqueOpens).put("clicks", clicks)
                .put("uniqueClicks", uniqueClicks).put("unsubscribed", unsubscribed).put("bouncedHard", bouncedHard).put("bouncedSoft", bouncedSoft)
                .put("failed", failed).put("suppressed", suppressed).put("suppressedBy", by).put("queued", queued);
    }

    /** The CSV columns after scope, key and day, in {@link #csv()}'s order. */
    static List<String> csvHeader() {
        List<String> out = new java.util.ArrayList<>(List.of("sent", "delivered", "opens", "unique_opens", "clicks", "unique_clicks", "unsubscribed",
                "bounced_hard", "bounced_soft", "failed", "suppressed"));
        REASONS.forEach(r -> out.add("suppressed_" + r));
        out.add("queued");
        return out;
    }

    List<Object> csv() {
        List<Object> out = new java.util.ArrayList<>(List.of(sent, delivered, opens, uniqueOpens, clicks, uniqueClicks, unsubscribed, bouncedHard, bouncedSoft,
                failed, suppressed));
        REASONS.forEach(r -> out.add(suppressedBy.getOrDefault(r, 0L)));
        out.add(queued);
        return out;
    }
}
