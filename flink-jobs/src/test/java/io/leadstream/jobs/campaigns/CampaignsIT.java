package io.leadstream.jobs.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.jobs.EngineJob;
import io.leadstream.jobs.SimulatedClock;
import io.leadstream.jobs.identity.Events;
import io.leadstream.common.ids.IdentityIds;
import io.leadstream.jobs.identity.RawEventsProducer;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.stack.TopicReader;
import io.leadstream.store.cassandra.OutboxLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sales sequence of issue 6 through the whole engine (real Kafka, the job on the MiniCluster at
 * parallelism 2, Cassandra) under a simulated clock: page hits join the "list" segment, which is the
 * campaign's source; tail events on every partition move time on, day by day, for five weeks of
 * November 2025 (in the past: Kafka refuses record timestamps more than an hour ahead of now). Asserts exactly which emails each contact gets and when, the per-event counts and
 * the log in Cassandra, and that a campaign's changes to a contact (tags, points) reach its segments and its profile view. A dry run of the campaign over the recorded topics then
 * gives the same sends and counts, and sends nothing.
 */
@ExtendWith(LeadStreamStackExtension.class)
class CampaignsIT {
    private static final int PARTITIONS = SimulatedClock.PARTITIONS;
    private static final String SALES = "https://shop.example/sales";
    private static final String THANK_YOU = "https://shop.example/thank-you";
    private static final String WELCOME = """
            {"id": "welcome", "name": "Welcome", "sources": {"segments": ["list"]}, "events": [
              {"id": "tag", "type": "action", "kind": "tags_add", "tags": ["subscriber"]},
              {"id": "score", "type": "action", "kind": "adjust_points", "points": 10, "parent": "tag"}]}""";

    @Test
    void theSalesSequenceSendsEachContactExactlyItsEmailsAtTheRightTimes(TestNamespace ns) throws Exception {
        LeadStreamConfig config = SimulatedClock.prepare(ns);
        TopicNames topics = TopicNames.from(config);
        String bootstrap = config.get(KafkaOptions.BOOTSTRAP_SERVERS);

        try (KafkaProducer<String, String> definitions = new KafkaProducer<>(props(bootstrap), new StringSerializer(), new StringSerializer());
             RawEventsProducer raw = new RawEventsProducer(config);
             CqlSession session = ns.stack().cassandra().newSession()) {
            define(definitions, topics, "segments", "list", """
                    {"id": "list", "name": "Newsletter", "filters": [{"kind": "field", "field": "newsletter", "operator": "eq", "value": "yes"}]}""");
            define(definitions, topics, "segments", "subscribers", """
                    {"id": "subscribers", "name": "Tagged", "filters": [{"kind": "tags", "operator": "any", "tags": ["subscriber"]}]}""");
            define(definitions, topics, "campaigns", "launch", LaunchCampaign.JSON);
            define(definitions, topics, "campaigns", "welcome", WELCOME);

            StreamExecutionEnvironment env = EngineJob.environment(config);
            EngineJob.build(env, config);
            Instant started = Instant.now();
            JobID job = ns.stack().flink().submit(env, "campaigns-" + ns.keyspace());
            try {
                ns.stack().flink().awaitRunning(job, Duration.ofSeconds(60));
                Instant monday = Instant.parse("2025-11-03T08:00:00Z"); // 09:00 in Paris
                raw.send(List.of(signup("a", monday), signup("b", monday), signup("c", monday), signup("e", monday)));
                raw.tails(PARTITIONS, monday.plusSeconds(60).toEpochMilli());
                // Each contact has reached the sales-page decision before its visits are sent: only later activity counts.
                awaitEmails(bootstrap, topics, 4);

                raw.send(List.of(visit("a", SALES, "2025-11-03T14:00:00Z"), visit("b", SALES, "2025-11-03T14:00:00Z"),
                        visit("b", THANK_YOU, "2025-11-03T16:00:00Z"), visit("e", SALES, "2025-11-03T14:00:00Z")));
                raw.tails(PARTITIONS, Instant.parse("2025-11-05T09:00:00Z").toEpochMilli());
                raw.send(List.of(visit("e", THANK_YOU, "2025-11-05T10:00:00Z")));
                raw.send(List.of(signup("d", Instant.parse("2025-11-07T09:00:00Z"))));
                raw.tails(PARTITIONS, Instant.parse("2025-11-07T09:01:00Z").toEpochMilli());
                awaitEmails(bootstrap, topics, 5 + 3); // every mass email, and gain for a and e, logic for a
                raw.send(List.of(visit("d", SALES + "?utm_source=mass", "2025-11-08T07:30:00Z"))); // Saturday 08:30 in Paris
                for (Instant day = Instant.parse("2025-11-08T12:00:00Z"); day.isBefore(Instant.parse("2025-12-07T00:00:00Z"));
                     day = day.plus(Duration.ofDays(1))) {
                    raw.tails(PARTITIONS, day.toEpochMilli());
                }

                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(stat(session, ns.keyspace(), "visited", "NO")).as("c's sales-page decision timed out").isEqualTo(1));
                assertThat(emails(bootstrap, topics)).containsExactlyInAnyOrder(
                        "a mass 2025-11-03T08:00:00Z",
                        "a gain 2025-11-05T07:00:00Z", "a logic 2025-11-06T07:00:00Z", "a fear 2025-11-07T07:00:00Z",
                        "b mass 2025-11-03T08:00:00Z",
                        "c mass 2025-11-03T08:00:00Z",
                        "d mass 2025-11-07T09:00:00Z",
                        "d gain 2025-11-09T07:30:00Z", "d logic 2025-11-10T07:30:00Z", "d fear 2025-11-11T07:30:00Z",
                        "e mass 2025-11-03T08:00:00Z", "e gain 2025-11-05T07:00:00Z");
                assertThat(Map.of("mass", stat(session, ns.keyspace(), "mass", "EXECUTED"), "gain", stat(session, ns.keyspace(), "gain", "EXECUTED"),
                        "logic", stat(session, ns.keyspace(), "logic", "EXECUTED"), "bought-yes", stat(session, ns.keyspace(), "bought", "YES"),
                        "bought-no", stat(session, ns.keyspace(), "bought", "NO"), "goal", stat(session, ns.keyspace(), "goal-0", "EXITED")))
                        .containsExactlyInAnyOrderEntriesOf(Map.of("mass", 5L, "gain", 3L, "logic", 2L, "bought-yes", 1L, "bought-no", 3L, "goal", 2L));
                // Due in 2025, written now: filed under its write time, where the running send workers' scan is
                // (OutboxLayout.filedDue), in its contact's shard.
                var gains = session.execute("SELECT bucket, shard, due, email_id, contact_id FROM " + ns.keyspace() + ".outbox").all().stream()
                        .filter(r -> "gain".equals(r.getString("email_id")) && contact("a").equals(r.getString("contact_id"))).toList();
                assertThat(gains).as("a's gain in the outbox").singleElement().satisfies(r -> {
                    assertThat(r.getInstant("due")).isBetween(started, Instant.now());
                    assertThat(r.getInstant("bucket")).isEqualTo(OutboxLayout.bucket(r.getInstant("due")));
                    assertThat(r.getInt("shard")).isEqualTo(OutboxLayout.shard(contact("a")));
                });
                assertThat(session.execute("SELECT event_id, outcome FROM " + ns.keyspace() + ".campaign_log WHERE contact_id = ? AND campaign_id = 'launch'",
                                contact("c")).all()).extracting(r -> r.getString("event_id") + " " + r.getString("outcome"))
                        .as("newest first, then by event id within an instant")
                        .containsExactly("visited NO", " ENTERED", "mass EXECUTED", "visited TRIGGERED");

                // The welcome campaign's tag and points changed the contacts' profiles at once.
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    assertThat(session.execute("SELECT contact_id FROM " + ns.keyspace() + ".segment_members WHERE segment_id = 'subscribers'")
                            .all()).extracting(r -> r.getString("contact_id"))
                            .containsExactlyInAnyOrder(contact("a"), contact("b"), contact("c"), contact("d"), contact("e"));
                    assertThat(session.execute("SELECT points FROM " + ns.keyspace() + ".contact_profiles WHERE contact_id = ?",
                            contact("a")).one().getInt("points")).isEqualTo(10);
                });

                // A dry run over what the engine recorded gives what the engine did, and sends nothing.
                long sendsBefore = TopicReader.readAll(bootstrap, topics.sendCommands(), Duration.ofSeconds(30)).size();
                CampaignDryRun.Result dry = CampaignDryRun.run(config, LaunchCampaign.JSON, Instant.parse("2025-12-07T00:00:00Z"));
                Map<String, String> devices = List.of("a", "b", "c", "d", "e").stream().collect(Collectors.toMap(CampaignsIT::contact, d -> d));
                assertThat(dry.sends()).extracting(s -> devices.get(s.contactId()) + " " + s.what().substring("email ".length()) + " " + s.due())
                        .containsExactlyInAnyOrderElementsOf(emails(bootstrap, topics));
                assertThat(dry.stats().get("mass")).containsEntry("EXECUTED", 5L);
                assertThat(dry.stats().get("bought")).containsEntry("YES", 1L).containsEntry("NO", 3L);
                assertThat(dry.entered()).isEqualTo(5);
                assertThat(TopicReader.readAll(bootstrap, topics.sendCommands(), Duration.ofSeconds(30))).hasSize((int) sendsBefore);
            } finally {
                ns.stack().flink().cancel(job);
            }
        }
    }

    @Test
    void aContactMergedMidCampaignGoesOnAsTheSurvivorWithNoStepRepeated(TestNamespace ns) throws Exception {
        LeadStreamConfig config = SimulatedClock.prepare(ns);
        TopicNames topics = TopicNames.from(config);
        String bootstrap = config.get(KafkaOptions.BOOTSTRAP_SERVERS);
        try (KafkaProducer<String, String> definitions = new KafkaProducer<>(props(bootstrap), new StringSerializer(), new StringSerializer());
             RawEventsProducer raw = new RawEventsProducer(config)) {
            define(definitions, topics, "segments", "list", """
                    {"id": "list", "name": "Newsletter", "filters": [{"kind": "field", "field": "newsletter", "operator": "eq", "value": "yes"}]}""");
            define(definitions, topics, "campaigns", "launch", LaunchCampaign.JSON);
            StreamExecutionEnvironment env = EngineJob.environment(config);
            EngineJob.build(env, config);
            JobID job = ns.stack().flink().submit(env, "campaign-merge-" + ns.keyspace());
            try {
                ns.stack().flink().awaitRunning(job, Duration.ofSeconds(60));
                Instant monday = Instant.parse("2025-11-03T08:00:00Z");
                // Ann is known on her laptop; on her phone she subscribes anonymously, gets the mass email and visits the sales page.
                raw.send(List.of(Events.hit("ann-laptop", "dev-laptop", monday.minus(Duration.ofDays(10)).toEpochMilli(), "ann@example.com"),
                        signup("phone", monday)));
                raw.tails(PARTITIONS, monday.plusSeconds(60).toEpochMilli());
                awaitEmails(bootstrap, topics, 1);
                raw.send(List.of(visit("phone", SALES, "2025-11-03T14:00:00Z")));
                // Then she gives her email on the phone: the phone's contact merges into the laptop's, the older one.
                raw.send(List.of(Events.hit("ann-phone-email", "dev-phone", Instant.parse("2025-11-03T15:00:00Z").toEpochMilli(), "ann@example.com")));
                for (Instant day = Instant.parse("2025-11-03T16:00:00Z"); day.isBefore(Instant.parse("2025-11-08T00:00:00Z"));
                     day = day.plus(Duration.ofHours(12))) {
                    raw.tails(PARTITIONS, day.toEpochMilli());
                }
                String phone = contact("phone");
                String laptop = IdentityIds.anon("dev-laptop");
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(launchSends(bootstrap, topics)).containsExactly(
                                phone + " mass 2025-11-03T08:00:00Z",
                                // Not bought a day after the visit: the sequence goes on as the survivor, not repeated.
                                laptop + " gain 2025-11-05T07:00:00Z", laptop + " logic 2025-11-06T07:00:00Z", laptop + " fear 2025-11-07T07:00:00Z"));
            } finally {
                ns.stack().flink().cancel(job);
            }
        }
    }

    /** "contact email due-time" of every email the launch campaign sent, in due order. */
    private static List<String> launchSends(String bootstrap, TopicNames topics) {
        return TopicReader.readAll(bootstrap, topics.sendCommands(), Duration.ofSeconds(30)).stream()
                .map(r -> AvroCodec.of(SendCommand.class).decode(r.value()))
                .filter(c -> "launch".equals(c.getCampaignId()))
                .sorted(java.util.Comparator.comparing(SendCommand::getDueTime))
                .map(c -> c.getContactId() + " " + c.getEmailId() + " " + c.getDueTime())
                .toList();
    }

    private static String contact(String device) {
        return IdentityIds.anon("dev-" + device);
    }

    /** A page hit that subscribes the device to the newsletter (the "list" segment's filter). */
    private static TrackingEvent signup(String device, Instant at) {
        TrackingEvent e = Events.hit("signup-" + device, "dev-" + device, at.toEpochMilli(), null);
        e.setFields(Map.of("newsletter", "yes"));
        return e;
    }

    private static TrackingEvent visit(String device, String url, String at) {
        TrackingEvent e = Events.hit("visit-" + device + "@" + at, "dev-" + device, Instant.parse(at).toEpochMilli(), null);
        ((PageHit) e.getPayload()).setUrl(url);
        return e;
    }

    private static void awaitEmails(String bootstrap, TopicNames topics, int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(emails(bootstrap, topics)).hasSizeGreaterThanOrEqualTo(count));
    }

    /** "device email due-time" of every email the launch campaign sent. */
    private static List<String> emails(String bootstrap, TopicNames topics) {
        Map<String, String> devices = List.of("a", "b", "c", "d", "e").stream().collect(Collectors.toMap(CampaignsIT::contact, d -> d));
        return TopicReader.readAll(bootstrap, topics.sendCommands(), Duration.ofSeconds(30)).stream()
                .map(r -> AvroCodec.of(SendCommand.class).decode(r.value()))
                .filter(c -> "launch".equals(c.getCampaignId()))
                .map(c -> devices.get(c.getContactId()) + " " + c.getEmailId() + " " + c.getDueTime())
                .toList();
    }

    private static long stat(CqlSession session, String ks, String event, String outcome) {
        var row = session.execute("SELECT count FROM " + ks + ".campaign_event_stats WHERE campaign_id = 'launch' AND event_id = ? AND outcome = ?",
                event, outcome).one();
        return row == null ? 0 : row.getLong("count");
    }

    private static void define(KafkaProducer<String, String> producer, TopicNames topics, String kind, String id, String json) throws Exception {
        producer.send(new ProducerRecord<>(topics.definitions(), TopicNames.definitionKey(kind, id), json)).get();
    }

    private static Properties props(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return p;
    }
}
