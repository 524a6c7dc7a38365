package io.leadstream.launcher;

import static io.leadstream.gateway.definitions.CheckedDefinitions.tree;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.leadstream.definitions.DefinitionCatalog;
import io.leadstream.definitions.DefinitionChecks;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code leadstream apply defs/}: campaigns as code. Reads {@code defs/<kind>/<id>.json} and checks
 * every file with the API's own checks ({@link DefinitionChecks}: what they name may be in the folder
 * or already in the system), reporting every problem of every file before anything is written. Then
 * it shows what would change against the running system as a unified diff, asks, and writes the
 * changes each after what it names, stopping at the first definition the API refuses. Exit code 0
 * when all went in (or nothing changed), 1 otherwise.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Apply the definitions in a folder (<kind>/<id>.json), showing a diff first.")
final class ApplyCommand implements Callable<Integer> {
    /** Kinds in the order they may refer to each other. */
    static final List<String> KINDS = DefinitionChecks.KINDS;

    @Mixin
    ApiClient api;

    @Parameters(index = "0", description = "Folder with one sub-folder per kind: forms, assets, point-groups, point-actions, point-triggers, segments, emails, campaigns.")
    Path dir;

    @Option(names = {"-y", "--yes"}, description = "Apply without asking.")
    boolean yes;

    @Option(names = "--dry-run", description = "Show the diff only.")
    boolean dryRun;

    private final PrintStream out = System.out;
    private final DefinitionChecks checks = new DefinitionChecks();

    record Change(String kind, String id, JsonObject local, JsonObject remote) {
        String path() {
            return kind + "/" + id;
        }
    }

    @Override
    public Integer call() throws Exception {
        List<Change> read = read();
        List<String> problems = problems(read);
        if (!problems.isEmpty()) {
            problems.forEach(out::println);
            out.printf("%d problem%s; nothing applied.%n", problems.size(), problems.size() == 1 ? "" : "s");
            return 1;
        }
        List<Change> changes = new ArrayList<>();
        int unchanged = 0;
        for (Change c : inDependencyOrder(read)) {
            if (c.remote() != null && canonical(c.remote()).equals(canonical(c.local()))) {
                unchanged++;
                continue;
            }
            changes.add(c);
            show(c);
        }
        out.printf("%d new, %d changed, %d unchanged.%n", changes.stream().filter(c -> c.remote() == null).count(),
                changes.stream().filter(c -> c.remote() != null).count(), unchanged);
        if (changes.isEmpty() || dryRun) {
            return 0;
        }
        if (!yes && !confirmed(changes.size())) {
            out.println("Nothing applied.");
            return 1;
        }
        for (Change c : changes) {
            HttpResponse<String> r = api.send(api.request("/api/v1/" + c.path()).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(c.local().encode())).build());
            if (r.statusCode() / 100 != 2) {
                out.println("Refused " + c.path() + ": " + new ApiClient.ApiError(r).getMessage());
                out.println("Stopped; definitions before it were applied.");
                return 1;
            }
            out.println("Applied " + c.path() + " (revision " + r.headers().firstValue("LeadStream-Revision").orElse("?") + ")");
        }
        return 0;
    }

    /**
     * Every problem of every file, as "kind/id pointer: reason", checked among the folder's files and
     * what they name that the system has (a segment loop through definitions only there is the API's to find).
     */
    private List<String> problems(List<Change> read) throws IOException, InterruptedException {
        Map<String, Map<String, JsonNode>> catalog = new HashMap<>();
        for (Change c : read) {
            catalog.computeIfAbsent(c.kind(), k -> new HashMap<>()).put(c.id(), tree(c.local()));
        }
        for (Change c : read) {
            for (String named : DefinitionChecks.named(c.kind(), tree(c.local()))) {
                String kind = named.substring(0, named.indexOf('/'));
                String id = named.substring(kind.length() + 1);
                if (!catalog.getOrDefault(kind, Map.of()).containsKey(id) && checks.kinds().contains(kind)) {
                    JsonObject remote = remote(kind, id);
                    if (remote != null) {
                        catalog.computeIfAbsent(kind, k -> new HashMap<>()).put(id, tree(remote));
                    }
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (Change c : read) {
            checks.check(c.kind(), c.id(), tree(c.local()), DefinitionCatalog.of(catalog))
                    .forEach(p -> out.add(c.path() + " " + p));
        }
        return out;
    }

    private static List<Change> inDependencyOrder(List<Change> read) {
        Map<String, Map<String, JsonNode>> docs = new HashMap<>();
        Map<String, Change> byPath = new HashMap<>();
        for (Change c : read) {
            docs.computeIfAbsent(c.kind(), k -> new HashMap<>()).put(c.id(), tree(c.local()));
            byPath.put(c.path(), c);
        }
        return DefinitionChecks.inDependencyOrder(docs).stream().map(byPath::get).toList();
    }

    /** Every definition file with what the system has for it now (null: nothing). */
    private List<Change> read() throws IOException, InterruptedException {
        List<Change> all = new ArrayList<>();
        for (String kind : KINDS) {
            Path folder = dir.resolve(kind);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(folder)) {
                files = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
            }
            for (Path file : files) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - ".json".length());
                JsonObject local;
                try {
                    local = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
                } catch (DecodeException e) {
                    throw new IOException(file + " is not a JSON object: " + e.getMessage(), e);
                }
                if (local.containsKey("id") && !id.equals(local.getValue("id"))) {
                    throw new IOException(file + " has id " + local.getValue("id") + "; the file name says " + id);
                }
                all.add(new Change(kind, id, local.copy().put("id", id), remote(kind, id)));
            }
        }
        return all;
    }

    private JsonObject remote(String kind, String id) throws IOException, InterruptedException {
        HttpResponse<String> r = api.send(api.request("/api/v1/" + kind + "/" + id).GET().build());
        if (r.statusCode() == 404) {
            return null;
        }
        if (r.statusCode() != 200) {
            throw new ApiClient.ApiError(r);
        }
        return new JsonObject(r.body());
    }

    private void show(Change c) {
        if (c.remote() == null) {
            out.println("+ new " + c.path());
            canonical(c.local()).lines().forEach(l -> out.println("  + " + l));
            return;
        }
        out.println("~ changed " + c.path());
        List<String> before = canonical(c.remote()).lines().toList();
        List<String> after = canonical(c.local()).lines().toList();
        UnifiedDiffUtils.generateUnifiedDiff(c.path() + " (now)", c.path() + " (folder)", before, DiffUtils.diff(before, after), 3)
                .forEach(l -> out.println("  " + l));
    }

    private boolean confirmed(int count) throws IOException {
        out.printf("Apply %d definition%s? [y/N] ", count, count == 1 ? "" : "s");
        out.flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    }

    /** Pretty JSON with keys sorted at every level, so that key order never shows as a change. */
    static String canonical(JsonObject doc) {
        return new JsonObject(sorted(doc.getMap())).encodePrettily();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sorted(Map<String, Object> map) {
        Map<String, Object> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, sortedValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object sortedValue(Object v) {
        if (v instanceof JsonObject o) {
            return sorted(o.getMap());
        }
        if (v instanceof Map<?, ?> m) {
            return sorted((Map<String, Object>) m);
        }
        if (v instanceof JsonArray a) {
            return a.getList().stream().map(ApplyCommand::sortedValue).toList();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(ApplyCommand::sortedValue).toList();
        }
        return v;
    }
}
