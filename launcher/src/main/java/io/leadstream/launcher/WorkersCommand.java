package io.leadstream.launcher;

import io.leadstream.common.config.AllOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.workers.SendWorkersMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code leadstream workers}: send workers as a process of their own (the distributed deployment runs N of these). */
@Command(name = "workers", mixinStandardHelpOptions = true,
        description = "Run send workers (worker.count threads): a member of the send-workers consumer group on send-commands, delivering to the "
                + "configured SMTP server until stopped. Links in emails point at gateway.public-url and are signed with gateway.token-secret.")
final class WorkersCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        return SendWorkersMain.run(AllOptions.load(LeadStreamConfig.optionalPath(System.getenv("LEADSTREAM_CONFIG"))));
    }
}
