package io.leadstream.launcher;

import io.leadstream.common.config.AllOptions;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.jobs.campaigns.CampaignDryRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code leadstream campaign-dry-run campaign.json}: what a campaign would send over the recorded events, sending nothing. */
@Command(name = "campaign-dry-run", mixinStandardHelpOptions = true,
        description = "Run a campaign definition over the events the engine recorded in Kafka, on a local Flink, and print the sends it "
                + "would make and its counts per event. Nothing is sent or written.")
final class CampaignDryRunCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "The campaign definition (JSON, as for PUT /api/v1/campaigns/{id}, with its id).")
    Path campaign;

    @Option(names = "--kafka", description = "Kafka bootstrap servers (default: kafka.bootstrap-servers; the local run prints them).")
    String bootstrap;

    @Option(names = "--until", description = "Leave out what would happen after this instant (ISO-8601), e.g. waits beyond the replay.")
    Instant until;

    @Option(names = "--json", description = "Print the result as JSON, as the API answers it.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        LeadStreamConfig config = AllOptions.load(LeadStreamConfig.optionalPath(System.getenv("LEADSTREAM_CONFIG")));
        if (bootstrap != null) {
            config = config.with(KafkaOptions.BOOTSTRAP_SERVERS, bootstrap);
        }
        CampaignDryRun.Result result = CampaignDryRun.run(config, Files.readString(campaign), until);
        if (json) {
            System.out.println(DryRunJson.of(result).encodePrettily());
            return 0;
        }
        System.out.printf("Campaign %s: %d contacts entered, %d sends%n", result.campaignId(), result.entered(), result.sends().size());
        result.sends().forEach(s -> System.out.printf("  %s  %-24s %-16s %s%n", s.due(), s.contactId(), s.eventId(), s.what()));
        System.out.println("Counts per event:");
        result.stats().forEach((event, outcomes) -> System.out.printf("  %-16s %s%n", event.isEmpty() ? "(campaign)" : event, outcomes));
        return 0;
    }
}
