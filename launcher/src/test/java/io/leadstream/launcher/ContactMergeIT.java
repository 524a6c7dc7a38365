package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.ids.IdentityIds;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.jobs.EngineOptions;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An identity merge through the whole system, driven only over HTTP: an anonymous visitor with
 * points, tags and a segment membership identifies as a known contact, and the known contact (the
 * older one) ends up with all of it: points added, tags united, segments decided again on the merged
 * profile, while the anonymous id is left in no segment. The profile travels through the
 * contact-handovers topic, so it shows up one checkpoint after the merge.
 */
@ExtendWith(LeadStreamStackExtension.class)
class ContactMergeIT {
    private static final String TOKEN = "merge-token";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String PRICING = "https://shop.example/pricing";
    private static final String ANN = "&email=" + GatewayCalls.enc("ann@example.com");

    @Test
    void anAnonymousVisitorWhoIdentifiesAsAKnownContactBringsItsPointsTagsAndSegmentsToIt(TestNamespace ns) throws Exception {
        // 1 s checkpoints: a handover is read back from Kafka one checkpoint after the merge.
        LeadStreamConfig config = RunningEngine.config(ns, TOKEN);
        try (RunningEngine engine = RunningEngine.start(ns, config, "contact-merge");
             GatewayServer gateway = new GatewayServer(config).start();
             CqlSession cql = ns.stack().cassandra().newSession()) {
            engine.awaitRunning();
            GatewayCalls api = new GatewayCalls(gateway.baseUrl(), TOKEN);
            define(api);

            // Ann, known: identified on her laptop with one pricing visit (10 points: the trigger tags her "visitor" too),
            // then tagged "customer" by hand.
            String known = IdentityIds.anon("mergeknown01");
            api.hit("mergeknown01", PRICING, ANN);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertProfile(api.contactByEmail("ann@example.com"), known, 10, "visitor"));
            assertThat(api.send("POST", "/api/v1/contacts/" + known + "/tags", "{\"add\": [\"customer\"]}").statusCode()).isEqualTo(202);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertProfile(api.find("/api/v1/contacts/" + known), known, 10, "customer", "visitor"));

            // Someone anonymous on a phone: one pricing visit (10 points, tagged "visitor", so in "visitors"), and by hand
            // the tag "phone", which only this contact has: the laptop got "visitor" from the trigger as well.
            String phone = IdentityIds.anon("mergephone01");
            api.hit("mergephone01", PRICING, "");
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertProfile(api.find("/api/v1/contacts/" + phone), phone, 10, "visitor"));
            assertThat(api.send("POST", "/api/v1/contacts/" + phone + "/tags", "{\"add\": [\"phone\"]}").statusCode()).isEqualTo(202);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertProfile(api.find("/api/v1/contacts/" + phone), phone, 10, "phone", "visitor");
                assertThat(members(api, "visitors")).containsExactlyInAnyOrder(known, phone);
                assertThat(members(api, "engaged")).as("no one has 20 points yet").isEmpty();
            });

            // The phone identifies as Ann on a page worth no points: the laptop's contact, identified first, survives.
            api.hit("mergephone01", "https://shop.example/signup", ANN);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertProfile(api.find("/api/v1/contacts/" + phone), known, 20, "customer", "phone", "visitor");
                assertProfile(api.contactByEmail("ann@example.com"), known, 20, "customer", "phone", "visitor");
                assertThat(members(api, "engaged")).as("decided again on the merged profile").containsExactly(known);
                assertThat(members(api, "visitors")).containsExactly(known);
                assertThat(segmentsOf(cql, ns.keyspace(), phone)).as("segment_members rows of the merged id").isEmpty();
            });
            JsonArray timeline = api.get("/api/v1/contacts/" + known + "/timeline?size=100").getJsonArray("events");
            assertThat(timeline.stream().map(e -> ((JsonObject) e).getString("kind")).filter("points"::equals))
                    .as("the pricing visits of both, merged: " + timeline).hasSize(2);

            // The profile was folded in once: a second copy of the handover would add its 10 points again.
            Thread.sleep(3 * config.get(EngineOptions.CHECKPOINT_INTERVAL).toMillis());
            assertProfile(api.contactByEmail("ann@example.com"), known, 20, "customer", "phone", "visitor");
        }
    }

    /**
     * A page-hit point action, a trigger at 10 points that tags "visitor", and two segments: "visitors"
     * (by that tag) and "engaged" (20 points). Visits count only once the engine has every definition:
     * the definitions topic has one partition, so when every subtask has done the backfill of the last
     * one, it has the ones before it too.
     */
    private static void define(GatewayCalls api) throws Exception {
        api.define("point-actions", "pricing", """
                {"name": "Pricing page", "type": "page_hit", "url": "*/pricing*", "points": 10, "repeatable": true}""");
        api.define("point-triggers", "warm", """
                {"name": "Warm", "threshold": 10, "actions": [{"type": "tags_add", "tags": ["visitor"]}]}""");
        api.define("segments", "visitors", """
                {"name": "Visitors", "filters": [{"kind": "tags", "operator": "any", "tags": ["visitor"]}]}""");
        long revision = api.define("segments", "engaged", """
                {"name": "Engaged", "filters": [{"kind": "points", "operator": "gte", "value": 20}]}""");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> api.find("/api/v1/segments/engaged/backfill"),
                b -> b != null && b.getLong("revision") == revision && b.getBoolean("done"));
    }

    /** The contact resolved to {@code id}, with these points (none by group) and exactly these tags. */
    private static void assertProfile(JsonObject contact, String id, int points, String... tags) {
        assertThat(contact).as("the contact").isNotNull();
        assertThat(contact.getString("id")).as("resolved to").isEqualTo(id);
        assertThat(contact.getInteger("points")).as("points of " + contact).isEqualTo(points);
        assertThat(contact.getJsonObject("pointsByGroup").getMap()).isEmpty();
        assertThat(contact.getJsonArray("tags").getList()).as("tags of " + contact).containsExactlyInAnyOrder((Object[]) tags);
    }

    private static List<Object> members(GatewayCalls api, String segment) throws Exception {
        return api.get("/api/v1/segments/" + segment + "/contacts").getJsonArray("contacts").getList();
    }

    /** Every segment the contact has a segment_members row in (the table is small here: all of it is read). */
    private static List<String> segmentsOf(CqlSession cql, String keyspace, String contact) {
        return cql.execute("SELECT segment_id, contact_id FROM " + keyspace + ".segment_members").all().stream()
                .filter(r -> contact.equals(r.getString("contact_id"))).map(r -> r.getString("segment_id")).toList();
    }
}
