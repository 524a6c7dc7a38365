package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.common.config.AllOptions;
import io.leadstream.common.config.ConfigOption;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A configuration mistake stops {@code leadstream local} before anything starts, in one line that names the key. */
class ConfigMistakesTest {

    @Test
    void anUnknownKeyStopsTheLocalRunNamingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("leadstream.conf");
        Files.writeString(file, "gateway.port = 9090\nworker.cont = 8\n");
        StringWriter err = new StringWriter();
        CommandLine cli = LeadStreamCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("local", "--config", file.toString());
        assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
        // The launcher runs every module, the send workers' too: their namespace is read here, so a typo in it is caught.
        assertThat(err.toString()).startsWith("leadstream: Unknown configuration key 'worker.cont' in " + file)
                .contains("did you mean 'worker.count'?").doesNotContain("\tat ");
    }

    @Test
    void everyOptionIsInANamespaceEveryProcessKnows() {
        // A process without a module lets the keys of that module's namespace pass (another process's), and stops on
        // any other: an option outside these would stop every process that lacks its module.
        for (ConfigOption<?> option : AllOptions.list()) {
            assertThat(AllOptions.NAMESPACES).as(option.key()).contains(AllOptions.namespace(option.key()));
        }
        assertThat(AllOptions.list()).extracting(o -> AllOptions.namespace(o.key())).containsAll(AllOptions.NAMESPACES);
    }
}
