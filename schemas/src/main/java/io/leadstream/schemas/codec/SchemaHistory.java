package io.leadstream.schemas.codec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Earlier versions of our schemas, so data written before a change stays readable.
 *
 * <p>When a schema changes, its previous full text is saved as a resource and named in a
 * {@code META-INF/leadstream/schema-history.index} file (one resource path per line). Every
 * index on the classpath is read, so tests and extensions can contribute their own.
 */
public final class SchemaHistory {
    static final String INDEX = "META-INF/leadstream/schema-history.index";
    private static final Map<String, List<Schema>> BY_NAME = new ConcurrentHashMap<>();
    private static volatile boolean loaded;

    private SchemaHistory() {}

    /** Historical writer schemas for the record with this full name (never the current one). */
    public static List<Schema> versionsOf(String fullName) {
        ensureLoaded();
        return BY_NAME.getOrDefault(fullName, List.of());
    }

    private static synchronized void ensureLoaded() {
        if (loaded) {
            return;
        }
        ClassLoader cl = SchemaHistory.class.getClassLoader();
        try {
            Enumeration<URL> indexes = cl.getResources(INDEX);
            while (indexes.hasMoreElements()) {
                for (String path : readLines(indexes.nextElement().openStream())) {
                    try (InputStream in = cl.getResourceAsStream(path)) {
                        if (in == null) {
                            throw new IllegalStateException("Schema history names missing resource " + path);
                        }
                        Schema schema = new Schema.Parser().parse(in);
                        BY_NAME.computeIfAbsent(schema.getFullName(), k -> new ArrayList<>()).add(schema);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schema history", e);
        }
        loaded = true;
    }

    private static List<String> readLines(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }
}
