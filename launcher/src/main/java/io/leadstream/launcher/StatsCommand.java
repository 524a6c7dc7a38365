package io.leadstream.launcher;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code leadstream stats}: email counts and rates, segment sizes, and a campaign's funnel, from a running system. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Print email counts and rates, segment sizes, or (with --campaign) a campaign's counts per step.")
final class StatsCommand implements Callable<Integer> {
    @Mixin
    ApiClient api;

    @Option(names = "--campaign", description = "A campaign: outcomes per step and email counts per send step.")
    String campaign;

    @Option(names = "--json", description = "Print the API's JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (campaign != null) {
            JsonObject c = api.getJson("/api/v1/stats/campaigns/" + URLEncoder.encode(campaign, StandardCharsets.UTF_8));
            if (json) {
                System.out.println(c.encodePrettily());
                return 0;
            }
            System.out.println("Campaign " + campaign + ", outcomes per step:");
            for (Map.Entry<String, Object> step : c.getJsonObject("events")) {
                System.out.printf("  %-24s %s%n", step.getKey(), ((JsonObject) step.getValue()).encode());
            }
            emailTable(c, "event");
            return 0;
        }
        JsonObject emails = api.getJson("/api/v1/stats/emails");
        JsonObject segments = api.getJson("/api/v1/stats/segments");
        if (json) {
            System.out.println(new JsonObject().put("emails", emails.getJsonArray("emails")).put("segments", segments.getJsonArray("segments")).encodePrettily());
            return 0;
        }
        emailTable(emails, null);
        System.out.println("Segments:");
        System.out.printf("  %-24s %-32s %10s%n", "segment", "name", "members");
        segments.getJsonArray("segments").stream().map(JsonObject.class::cast).forEach(s -> System.out.printf("  %-24s %-32s %10d%n",
                s.getString("segment"), s.getString("name") == null ? "" : s.getString("name"), s.getLong("members")));
        return 0;
    }

    private static void emailTable(JsonObject stats, String stepColumn) {
        System.out.println("Emails:");
        System.out.printf("  %-24s %8s %9s %7s %7s %7s %7s %7s %7s%n", stepColumn == null ? "email" : "step / email",
                "sent", "delivered", "opened", "open%", "clicked", "click%", "bounced", "unsub");
        stats.getJsonArray("emails").stream().map(JsonObject.class::cast).forEach(e -> System.out.printf(
                "  %-24s %8d %9d %7d %6.1f%% %7d %6.1f%% %7d %7d%n",
                stepColumn == null ? e.getString("email") : e.getString(stepColumn) + " / " + e.getString("email"),
                e.getLong("sent"), e.getLong("delivered"), e.getLong("uniqueOpens"), 100 * e.getDouble("openRate"),
                e.getLong("uniqueClicks"), 100 * e.getDouble("clickRate"), e.getLong("bounced"), e.getLong("unsubscribed")));
    }
}
