package io.leadstream.launcher;

import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.examples.changes.KafkaProfileReader;
import io.leadstream.examples.changes.RebuiltProfile;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code leadstream profiles}: every contact's profile rebuilt from the change stream (the topics
 * contact-changes and points, read from their beginning), one JSON line each: what a data engineer's
 * consumer of the stream would hold ({@link KafkaProfileReader}).
 */
@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = "Print every contact's profile as rebuilt from the change stream, one JSON line each.")
final class ProfilesCommand implements Callable<Integer> {
    @Mixin
    KafkaTopicOptions kafka;

    @Option(names = "--contact", description = "Only this contact.")
    String contact;

    @Override
    public Integer call() {
        LeadStreamConfig config = kafka.config();
        Map<String, RebuiltProfile> profiles = KafkaProfileReader.readToEnd(config.get(KafkaOptions.BOOTSTRAP_SERVERS),
                config.get(KafkaOptions.TOPIC_PREFIX), Duration.ofMinutes(5));
        profiles.values().stream().filter(p -> contact == null || contact.equals(p.contactId()))
                .forEach(p -> System.out.println(JsonObject.mapFrom(p).encode()));
        return 0;
    }
}
