package io.leadstream.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.common.config.LeadStreamConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** Send workers in a JVM of their own, configured from a properties file, until killed: what WorkerKillIT kills and IdleWorkerIT watches. */
public final class WorkerProcess {
    static final String READY = "workers ready";
    static final String GATEWAY = "https://t.shop.example";

    private WorkerProcess() {}

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]))) {
            p.load(in);
        }
        Map<String, String> values = new HashMap<>();
        p.forEach((k, v) -> values.put(k.toString(), v.toString()));
        SendWorkers.start(LeadStreamConfig.fromMap(values), args[1]);
        System.out.println(READY);
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }

    /** The child: this JVM's classpath, this class, the config in a file; returns once its workers run. */
    static Process start(LeadStreamConfig config) throws Exception {
        Path file = Files.createTempFile("worker-process", ".properties");
        Properties p = new Properties();
        p.putAll(config.asMap());
        try (Writer out = Files.newBufferedWriter(file)) {
            p.store(out, "a send-worker process of a test");
        }
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), WorkerProcess.class.getName(),
                file.toString(), GATEWAY).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.contains(READY)) {
            // its start-up log
        }
        assertThat(line).as("the worker process started").isNotNull();
        Thread drainer = new Thread(() -> out.lines().forEach(l -> { }), "worker-process-output");
        drainer.setDaemon(true);
        drainer.start();
        return child;
    }
}
