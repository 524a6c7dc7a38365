package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/leadstream local} as a newcomer starts it, the same command line in a process of its own
 * (its own Kafka, Cassandra, engine, gateway, workers and SMTP server): a clean start prints no WARN or
 * ERROR line, which would hide a real problem among expected ones, and says how long it took.
 */
class LocalStartIT {
    private static final Path TARGET = Path.of("target");

    @Test
    void aCleanStartPrintsNoWarningAndReportsItsStartTime() throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xms512m", "-Xmx3g"));
        command.addAll(List.of(Files.readString(TARGET.resolve("jvm.options")).trim().split("\\s+")));
        command.addAll(List.of("-cp", TARGET.resolve("classes") + ":" + Files.readString(TARGET.resolve("runtime.classpath")).trim(),
                "io.leadstream.launcher.LeadStreamCli", "local", "--port", "0"));
        Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (line.startsWith("LeadStream ready in ")) {
                        return line;
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            String readyLine = ready.get(240, TimeUnit.SECONDS);
            List<String> printed;
            synchronized (lines) {
                printed = List.copyOf(lines);
            }
            assertThat(readyLine).as(String.join("\n", printed)).matches("LeadStream ready in \\d+ ms at http://localhost:\\d+ .*");
            assertThat(printed).as("a clean start's lines").noneMatch(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.contains("Exception"));
        } finally {
            run.destroy(); // SIGTERM: the run stops everything it started
            if (!run.waitFor(60, TimeUnit.SECONDS)) {
                run.destroyForcibly();
            }
        }
    }
}
