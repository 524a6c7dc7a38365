package io.leadstream.launcher;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code leadstream import contacts.csv --segment newsletter}: uploads the file to a running
 * gateway, then follows the import with a progress bar and prints what was rejected, by line.
 * Exit code 0 when every row went in, 2 when some were rejected, 1 when the import failed.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import contacts from a CSV file (header row, an email column), optionally into a segment.")
final class ImportCommand implements Callable<Integer> {
    @Mixin
    ApiClient api;

    @Parameters(index = "0", description = "The CSV file.")
    Path file;

    @Option(names = "--segment", description = "Segment the contacts are added to by hand.")
    String segment;

    @Option(names = "--map", description = "Header:field renames a column, Header:- drops it (repeatable).")
    List<String> map = new ArrayList<>();

    @Option(names = "--poll", defaultValue = "250", description = "Milliseconds between progress reads. Default: ${DEFAULT-VALUE}.")
    long pollMillis;

    @Override
    public Integer call() throws Exception {
        long lines;
        try (Stream<String> all = Files.lines(file, StandardCharsets.UTF_8)) {
            lines = all.count();
        }
        StringBuilder query = new StringBuilder("/api/v1/imports?name=").append(enc(file.getFileName().toString()));
        if (segment != null) {
            query.append("&segment=").append(enc(segment));
        }
        map.forEach(m -> query.append("&map=").append(enc(m)));
        HttpResponse<String> started = api.send(api.request(query.toString()).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build());
        if (started.statusCode() != 202) {
            System.err.println("Import not started: " + new ApiClient.ApiError(started).getMessage());
            return 1;
        }
        String id = new JsonObject(started.body()).getString("id");
        JsonObject job = follow(id, Math.max(1, lines - 1));
        print(job);
        if (!"done".equals(job.getString("state"))) {
            return 1;
        }
        return job.getLong("rejected") == 0 ? 0 : 2;
    }

    private JsonObject follow(String id, long expectedRows) throws Exception {
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Import " + file.getFileName()).setInitialMax(expectedRows)
                .setUnit(" rows", 1).setStyle(ProgressBarStyle.ASCII).showSpeed().continuousUpdate().build()) {
            while (true) {
                JsonObject job = api.getJson("/api/v1/imports/" + id);
                bar.stepTo(job.getLong("rows"));
                bar.setExtraMessage("accepted " + job.getLong("accepted") + ", rejected " + job.getLong("rejected"));
                if (!"running".equals(job.getString("state"))) {
                    bar.maxHint(job.getLong("rows"));
                    bar.stepTo(job.getLong("rows"));
                    return job;
                }
                Thread.sleep(pollMillis);
            }
        }
    }

    private void print(JsonObject job) {
        System.out.printf("Import %s: %s. %d rows, %d accepted (%d already known contacts), %d rejected, %d rows/s.%n",
                job.getString("id"), job.getString("state"), job.getLong("rows"), job.getLong("accepted"),
                job.getLong("existingContacts"), job.getLong("rejected"), job.getLong("rowsPerSecond"));
        if (job.getString("failure") != null) {
            System.out.println("Failed: " + job.getString("failure"));
        }
        job.getJsonArray("errors").stream().limit(20).map(JsonObject.class::cast)
                .forEach(e -> System.out.println("  line " + e.getLong("line") + ": " + e.getString("reason")));
        if (job.getLong("rejected") > 0) {
            System.out.println("Every rejected row: " + api.base() + job.getString("allErrors"));
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
