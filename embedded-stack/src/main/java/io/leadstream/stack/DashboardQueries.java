package io.leadstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics the Grafana dashboard of the docker deployment ({@code docker/grafana/dashboards/leadstream.json})
 * queries: a process's test checks that it exports each one it owns, so a renamed meter cannot leave a
 * panel empty without a test failing.
 */
public final class DashboardQueries {
    private static final Path DASHBOARD = Path.of("docker", "grafana", "dashboards", "leadstream.json");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private DashboardQueries() {}

    /** Every metric name in the dashboard's queries that starts with one of {@code prefixes}; at least one. */
    public static Set<String> metrics(String... prefixes) {
        Set<String> names = new TreeSet<>();
        try {
            collect(new ObjectMapper().readTree(Files.readString(dashboard())), prefixes, names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (names.isEmpty()) { // a check over nothing would pass whatever the process exports
            throw new IllegalStateException("The dashboard queries no metric starting with " + String.join(" or ", prefixes));
        }
        return names;
    }

    private static void collect(JsonNode node, String[] prefixes, Set<String> names) {
        if (node.has("expr")) {
            Matcher m = NAME.matcher(node.get("expr").asText());
            while (m.find()) {
                for (String prefix : prefixes) {
                    if (m.group().startsWith(prefix)) {
                        names.add(m.group());
                    }
                }
            }
        }
        node.forEach(child -> collect(child, prefixes, names));
    }

    /** Found from the module a test runs in, or the repository root. */
    private static Path dashboard() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(DASHBOARD))) {
                return dir.resolve(DASHBOARD);
            }
        }
        throw new IllegalStateException("No " + DASHBOARD + " above " + Path.of("").toAbsolutePath());
    }
}
