package io.leadstream.workers;

import io.leadstream.common.config.LeadStreamConfig;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** Send workers in a JVM of their own, configured from a properties file, until killed: what WorkerKillIT kills. */
public final class WorkerProcess {
    static final String READY = "workers ready";

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
}
