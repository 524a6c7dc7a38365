package io.leadstream.launcher;

import io.leadstream.common.config.InvalidConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code leadstream} command line; {@code bin/leadstream} runs this class. */
@Command(name = "leadstream", mixinStandardHelpOptions = true, version = "LeadStream 0.1.0",
        description = "Real-time marketing automation on Kafka, Flink and Cassandra.",
        subcommands = {LocalCommand.class, GatewayCommand.class, CqlCommand.class, CampaignDryRunCommand.class, WorkersCommand.class, SetupCommand.class, ImportCommand.class, ApplyCommand.class, StatsCommand.class, TailCommand.class, ProfilesCommand.class, UserCommand.class})
public final class LeadStreamCli implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, with a configuration mistake told in one line (it names the key) instead of a stack trace. */
    static CommandLine commandLine() {
        return new CommandLine(new LeadStreamCli()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof InvalidConfigException) {
                cmd.getErr().println("leadstream: " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            throw e;
        });
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
