package io.leadstream.gateway.contacts;

import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A segment's or a lifecycle stage's members over time: entries and exits per UTC day over the last
 * {@code days}, oldest first, and the members at each day's end, worked back from today's count
 * (the log keeps changes, the members table the present).
 */
final class MembershipHistory {
    private MembershipHistory() {}

    /** {@code {members, days: [{day, entered, left, members}]}}. */
    static CompletionStage<JsonObject> read(StatsStore stats, StatsStore.Membership m, String id, int days) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<LocalDate> dates = new ArrayList<>();
        List<CompletionStage<List<Row>>> reads = new ArrayList<>();
        for (int i = days - 1; i >= 0; i--) {
            LocalDate day = today.minusDays(i);
            dates.add(day);
            reads.add(stats.membershipChanges(m, id, day));
        }
        return AsyncRows.all(reads).thenCombine(stats.size(m, id), (perDay, members) -> {
            JsonObject[] out = new JsonObject[dates.size()];
            long atEnd = members;
            for (int i = dates.size() - 1; i >= 0; i--) {
                long entered = perDay.get(i).stream().filter(r -> "ENTERED".equals(r.getString(0))).count();
                long left = perDay.get(i).size() - entered;
                out[i] = new JsonObject().put("day", dates.get(i).toString()).put("entered", entered).put("left", left).put("members", atEnd);
                atEnd = Math.max(0, atEnd - entered + left); // the day before this one ended with that many
            }
            return new JsonObject().put("members", members).put("days", new JsonArray(List.of((Object[]) out)));
        });
    }
}
