package io.leadstream.gateway.emails;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.store.cassandra.table.EmailLinkClicksTable;
import io.leadstream.store.cassandra.table.EmailReportDailyTable;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailReportTest {
    private static final LocalDate D1 = LocalDate.parse("2026-12-01");
    private static final LocalDate D2 = LocalDate.parse("2026-12-02");

    private static EmailReportDailyTable.Row row(String email, String scope, String key, LocalDate day, long sent, long suppressedDnc) {
        return new EmailReportDailyTable.Row(email, scope, key, day, sent, sent, 1, 1, 2, 1, 0, 1, 0, 0, suppressedDnc,
                suppressedDnc == 0 ? Map.of() : Map.of("dnc", suppressedDnc), sent + suppressedDnc);
    }

    private static EmailReport report(LocalDate from, LocalDate to) {
        Map<String, List<EmailReportDailyTable.Row>> rows = new LinkedHashMap<>();
        rows.put("news", List.of(row("news", "email", "", D1, 3, 1), row("news", "email", "", D2, 2, 0), row("news", "segment", "vip", D1, 3, 1)));
        rows.put("news-b", List.of(row("news-b", "email", "", D2, 4, 0), row("news-b", "segment", "vip", D2, 4, 0)));
        return new EmailReport("news", from, to, rows, List.of(new EmailLinkClicksTable.Row("news", "https://a.example/y", 1, 1),
                new EmailLinkClicksTable.Row("news", "https://a.example/x", 5, 3)));
    }

    @Test
    void theFamilysDaysAndTotalsEachMemberEachSegmentAndLinksByClicks() {
        JsonObject r = report(D1, D2).toJson();
        assertThat(r.getJsonObject("totals").getLong("sent")).isEqualTo(9);
        assertThat(r.getJsonObject("totals").getJsonObject("suppressedBy").getLong("dnc")).isEqualTo(1);
        assertThat(r.getJsonObject("totals").getLong("bouncedHard")).isEqualTo(3);
        assertThat(r.getJsonArray("days").getJsonObject(0).getString("day")).as("newest first").isEqualTo("2026-12-02");
        assertThat(r.getJsonArray("days").getJsonObject(0).getLong("sent")).isEqualTo(6);
        assertThat(r.getJsonArray("variants").getJsonObject(1).getString("email")).isEqualTo("news-b");
        assertThat(r.getJsonArray("variants").getJsonObject(1).getLong("sent")).isEqualTo(4);
        assertThat(r.getJsonArray("segments").getJsonObject(0).getString("segment")).isEqualTo("vip");
        assertThat(r.getJsonArray("segments").getJsonObject(0).getLong("sent")).isEqualTo(7);
        assertThat(r.getJsonArray("links").getJsonObject(0).getString("url")).isEqualTo("https://a.example/x");
    }

    @Test
    void daysOutsideTheRangeAreLeftOutAndTheCsvHasALinePerScopeKeyAndDay() {
        assertThat(report(D2, D2).toJson().getJsonObject("totals").getLong("sent")).isEqualTo(6);
        String[] lines = report(D1, D2).toCsv().split("\r\n");
        assertThat(lines[0]).isEqualTo("email,scope,key,day,sent,delivered,opens,unique_opens,clicks,unique_clicks,unsubscribed,bounced_hard,"
                + "bounced_soft,failed,suppressed,suppressed_dnc,suppressed_frequency,suppressed_once,suppressed_address,suppressed_other,queued");
        assertThat(lines).contains("news,email,,2026-12-01,3,3,1,1,2,1,0,1,0,0,1,1,0,0,0,0,4", "news,variant,news-b,,4,4,1,1,2,1,0,1,0,0,0,0,0,0,0,0,4",
                "news,segment,vip,2026-12-02,4,4,1,1,2,1,0,1,0,0,0,0,0,0,0,0,4", "news,link,https://a.example/x,,,,,,5,3,,,,,,,,,,,");
        assertThat(lines).hasSize(1 + 2 + 2 + 2 + 2);
    }
}
