package io.leadstream.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every engine benchmark takes (a picocli mixin). */
public final class EngineBenchOptions {
    @Option(names = "--parallelism", defaultValue = "2", description = "Job parallelism. Default: ${DEFAULT-VALUE}.")
    public int parallelism;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of every topic. Default: ${DEFAULT-VALUE}.")
    public int partitions;

    @Option(names = "--rounds", defaultValue = "1", description = "Times to run each job (pass-through first). Default: ${DEFAULT-VALUE}.")
    public int rounds;

    @Option(names = "--set", description = "Engine config override, key=value (e.g. engine.state-backend=rocksdb). Repeatable.")
    public Map<String, String> overrides = new LinkedHashMap<>();
}
