package io.leadstream.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The processes' logback.xml: lines for people by default, one JSON object per line with LEADSTREAM_LOG_FORMAT=json. */
class LogFormatTest {
    private final PrintStream stdout = System.out;

    @AfterEach
    void restore() {
        System.setOut(stdout);
        System.clearProperty("LEADSTREAM_LOG_FORMAT");
    }

    @Test
    void jsonWritesOneObjectPerLineWithTheMessageLevelAndLogger() throws Exception {
        System.setProperty("LEADSTREAM_LOG_FORMAT", "json");
        String out = logged();
        assertThat(out.lines()).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(out);
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("loggerName").asText()).isEqualTo("io.leadstream.workers.SendWorkers");
        assertThat(line.get("formattedMessage").asText()).isEqualTo("Sending s-1 failed, it is tried again: timeout");
        assertThat(line.get("timestamp").asLong()).isPositive();
    }

    @Test
    void textIsTheDefault() throws Exception {
        assertThat(logged()).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  i\\.l\\.workers\\.SendWorkers - Sending s-1 failed, it is tried again: timeout\\R");
    }

    private String logged() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // what slf4j's binding gives the process's own context
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getResource("/logback.xml"));
        context.getLogger("io.leadstream.workers.SendWorkers").warn("Sending {} failed, it is tried again: {}", "s-1", "timeout");
        context.getLogger("org.apache.kafka.clients.Metadata").info("below the root's WARN: not written");
        assertThat(new StatusUtil(context).getHighestLevel(0)).as("logback's own warnings, which it prints at every start")
                .isLessThan(Status.WARN);
        context.stop();
        return captured.toString(StandardCharsets.UTF_8);
    }
}
