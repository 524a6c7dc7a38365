package io.leadstream.gateway.emails;

import io.leadstream.store.cassandra.table.EmailLinkClicksTable;
import io.leadstream.store.cassandra.table.EmailReportDailyTable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * An email's report over a range of days, from the engine's rows of the email and its family (its
 * variants and translations, where sends that rendered them count): the family's totals and days, each
 * member's totals, each segment a segment send went through (totals and days), and clicks per link. As
 * JSON, or as CSV with one line per scope, key and day.
 */
final class EmailReport {
    private final String email;
    private final LocalDate from;
    private final LocalDate to;
    private final Map<LocalDate, ReportCounts> days = new TreeMap<>(Comparator.reverseOrder());
    private final Map<String, ReportCounts> members = new TreeMap<>();
    private final Map<String, Map<LocalDate, ReportCounts>> segments = new TreeMap<>();
    private final List<EmailLinkClicksTable.Row> links;

    /** {@code rows}: each family member's rows, by member ({@code email} first); {@code links}: the email's. */
    EmailReport(String email, LocalDate from, LocalDate to, Map<String, List<EmailReportDailyTable.Row>> rows, List<EmailLinkClicksTable.Row> links) {
        this.email = email;
        this.from = from;
        this.to = to;
        this.links = links.stream().sorted(Comparator.comparingLong(EmailLinkClicksTable.Row::clicks).reversed()
                .thenComparing(EmailLinkClicksTable.Row::url)).toList();
        rows.forEach((member, memberRows) -> {
            members.put(member, ReportCounts.NONE);
            for (EmailReportDailyTable.Row r : memberRows) {
                if (r.day().isBefore(from) || r.day().isAfter(to)) {
                    continue;
                }
                ReportCounts c = ReportCounts.of(r);
                if (EmailReportDailyTable.SEGMENT.equals(r.scope())) {
                    segments.computeIfAbsent(r.key(), k -> new TreeMap<>(Comparator.reverseOrder())).merge(r.day(), c, ReportCounts::plus);
                } else {
                    days.merge(r.day(), c, ReportCounts::plus);
                    members.merge(member, c, ReportCounts::plus);
                }
            }
        });
    }

    JsonObject toJson() {
        JsonArray memberList = new JsonArray();
        members.forEach((id, c) -> memberList.add(c.toJson().put("email", id)));
        JsonArray segmentList = new JsonArray();
        segments.forEach((id, byDay) -> segmentList.add(total(byDay).toJson().put("segment", id).put("days", daysJson(byDay))));
        JsonArray linkList = new JsonArray();
        links.forEach(l -> linkList.add(new JsonObject().put("url", l.url()).put("clicks", l.clicks()).put("uniqueClicks", l.uniqueClicks())));
        return new JsonObject().put("email", email).put("from", from.toString()).put("to", to.toString()).put("totals", total(days).toJson())
                .put("days", daysJson(days)).put("variants", memberList).put("segments", segmentList).put("links", linkList);
    }

    String toCsv() {
        List<String> header = new ArrayList<>(List.of("email", "scope", "key", "day"));
        header.addAll(ReportCounts.csvHeader());
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (Map.Entry<LocalDate, ReportCounts> d : days.entrySet()) {
                printer.printRecord(line("email", "", d.getKey().toString(), d.getValue()));
            }
            for (Map.Entry<String, ReportCounts> m : members.entrySet()) {
                printer.printRecord(line("variant", m.getKey(), "", m.getValue()));
            }
            for (Map.Entry<String, Map<LocalDate, ReportCounts>> s : segments.entrySet()) {
                for (Map.Entry<LocalDate, ReportCounts> d : s.getValue().entrySet()) {
                    printer.printRecord(line("segment", s.getKey(), d.getKey().toString(), d.getValue()));
                }
            }
            for (EmailLinkClicksTable.Row l : links) {
                List<Object> record = new ArrayList<>(List.of(email, "link", l.url(), ""));
                ReportCounts.csvHeader().forEach(column -> record.add(switch (column) {
                    case "clicks" -> l.clicks();
                    case "unique_clicks" -> l.uniqueClicks();
                    default -> "";
                }));
                printer.printRecord(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private List<Object> line(String scope, String key, String day, ReportCounts c) {
        List<Object> record = new ArrayList<>(List.of(email, scope, key, day));
        record.addAll(c.csv());
        return record;
    }

    private static ReportCounts total(Map<LocalDate, ReportCounts> byDay) {
        return byDay.values().stream().reduce(ReportCounts.NONE, ReportCounts::plus);
    }

    private static JsonArray daysJson(Map<LocalDate, ReportCounts> byDay) {
        JsonArray out = new JsonArray();
        byDay.forEach((day, c) -> out.add(c.toJson().put("day", day.toString())));
        return out;
    }
}
