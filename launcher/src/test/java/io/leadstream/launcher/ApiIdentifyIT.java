package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A contact identified through the server-side events API, by device or by naming its contact id,
 * has its fields and first-seen time in the contacts API under the id its address leads to.
 */
@ExtendWith(LeadStreamStackExtension.class)
class ApiIdentifyIT {
    private static final String TOKEN = "identify-token";

    @Test
    void aContactIdentifiedThroughTheApiShowsItsFields(TestNamespace ns) throws Exception {
        LeadStreamConfig config = RunningEngine.config(ns, TOKEN);
        try (RunningEngine engine = RunningEngine.start(ns, config, "api-identify");
             GatewayServer gateway = new GatewayServer(config).start()) {
            engine.awaitRunning();
            GatewayCalls api = new GatewayCalls(gateway.baseUrl(), TOKEN);
            assertThat(api.send("POST", "/api/v1/events", """
                    {"events": [{"type": "identify", "device_id": "apidev0001", "fields": {"email": "dev@example.com", "firstname": "Dev"}},
                                {"type": "identify", "contact_id": "crm-7", "fields": {"email": "crm@example.com", "firstname": "Crm"}}]}""")
                    .statusCode()).isEqualTo(202);
            for (String email : new String[] {"dev@example.com", "crm@example.com"}) {
                JsonObject c = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> api.contactByEmail(email), x -> x != null);
                JsonObject byId = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> api.find("/api/v1/contacts/" + c.getString("id")), x -> x != null && !x.getJsonObject("fields").isEmpty());
                assertThat(byId.getJsonObject("fields").getString("email")).isEqualTo(email);
                assertThat(byId.getString("firstSeen")).isNotNull();
            }
            assertThat(api.contactByEmail("crm@example.com").getString("id")).as("the contact the events named owns the address").isEqualTo("crm-7");
        }
    }
}
