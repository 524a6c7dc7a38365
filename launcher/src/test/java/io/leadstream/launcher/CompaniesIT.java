package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.engine.CompanyChange;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.stack.TopicReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Companies through the whole system: contacts join companies by their email's domain (free mail
 * never, and a company made for a domain nobody claimed), a segment reads a company field, the
 * company's score adds its own points to its contacts', a campaign adds a contact to a company and
 * scores it, a merge of companies moves the contacts, a deletion lets them go; our API, Mautic's and
 * the company-changes topic show each step.
 */
@ExtendWith(LeadStreamStackExtension.class)
class CompaniesIT {
    private static final String TOKEN = "companies-token";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void contactsJoinByDomainSegmentsReadCompanyFieldsAndTheScoreAddsUp(TestNamespace ns) throws Exception {
        LeadStreamConfig config = RunningEngine.config(ns, TOKEN);
        try (RunningEngine engine = RunningEngine.start(ns, config, "companies");
             GatewayServer gateway = new GatewayServer(config).start()) {
            engine.awaitRunning();
            GatewayCalls api = new GatewayCalls(gateway.baseUrl(), TOKEN);
            api.define("segments", "software", "{\"name\": \"Software\", \"filters\": ["
                    + "{\"kind\": \"company_field\", \"field\": \"companyindustry\", \"operator\": \"eq\", \"value\": \"Software\"}]}");
            api.define("campaigns", "b2b", "{\"name\": \"B2B\", \"sources\": {\"segments\": [\"software\"]}, \"events\": ["
                    + "{\"id\": \"join\", \"type\": \"action\", \"kind\": \"add_to_company\", \"company\": \"partner\"},"
                    + "{\"id\": \"score\", \"type\": \"action\", \"kind\": \"change_company_score\", \"points\": 5, \"parent\": \"join\"}]}");
            accepted(api.send("PUT", "/api/v1/companies/partner", "{\"fields\": {\"companyname\": \"Partner\"}}"));
            accepted(api.send("PUT", "/api/v1/companies/acme", "{\"fields\": {\"companyname\": \"Acme\", "
                    + "\"companydomain\": \"https://www.Acme.com/about\", \"companyindustry\": \"Software\", \"companynumber_of_employees\": \"250\"}}"));
            assertThat(api.send("PUT", "/api/v1/companies/bad", "{\"fields\": {\"companynumber_of_employees\": \"many\"}}").statusCode())
                    .as("a value not of its field's type").isBetween(400, 422);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300))
                    .until(() -> api.send("GET", "/api/v1/companies/acme", null).statusCode() == 200);
            assertThat(api.get("/api/v1/companies/acme").getJsonObject("fields").getString("companydomain")).isEqualTo("acme.com");

            identify(api, "co-ada", "ada@acme.com");
            identify(api, "co-bob", "bob@gmail.com");
            identify(api, "co-cy", "cy@initech.com");
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300))
                    .until(() -> companies(api, "co-ada").contains("partner"));
            JsonObject ada = api.get("/api/v1/contacts/co-ada");
            assertThat(companies(api, "co-ada")).as("acme by its domain, partner by the campaign it started").containsExactlyInAnyOrder("acme", "partner");
            assertThat(ada.getString("primaryCompany")).as("the latest joined").isEqualTo("partner");
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300))
                    .until(() -> companies(api, "co-cy"), c -> c.equals(List.of("domain:initech.com")));
            assertThat(api.get("/api/v1/companies/domain:initech.com").getJsonObject("fields").getString("companyname"))
                    .as("made for the domain, named after it").isEqualTo("initech.com");
            assertThat(companies(api, "co-bob")).as("free mail: no company").isEmpty();
            accepted(api.send("POST", "/api/v1/events", "{\"events\": [{\"type\": \"identify\", \"contact_id\": \"co-bob\", "
                    + "\"fields\": {\"company\": \"Partner, Ltd\"}}]}"));
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300))
                    .until(() -> companies(api, "co-bob"), c -> c.equals(List.of("name:partner-ltd")));
            assertThat(api.get("/api/v1/companies/name:partner-ltd").getJsonObject("fields").getString("companyname"))
                    .as("the company it typed, made with its name as typed").isEqualTo("Partner, Ltd");
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300))
                    .until(() -> api.get("/api/v1/segments/software/contacts").getJsonArray("contacts").getList(), m -> m.equals(List.of("co-ada")));

            // The score: the company's own points (the campaign's 5, the API's 10) and its contacts' (40).
            long adaMautic = await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> api.mauticId("ada@acme.com"), id -> id != null);
            assertThat(api.send("POST", "/api/contacts/" + adaMautic + "/points/plus/40", null).statusCode()).isEqualTo(200);
            accepted(api.send("POST", "/api/v1/companies/acme/points", "{\"delta\": 10}"));
            JsonObject acme = await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> api.get("/api/v1/companies/acme"),
                    c -> c.getInteger("score") == 55);
            assertThat(acme.getInteger("ownPoints")).isEqualTo(15);
            assertThat(acme.getInteger("contacts")).isEqualTo(1);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> api.get("/api/v1/companies/partner").getInteger("score") == 40);

            // Mautic's shape of the same.
            JsonObject listed = api.get("/api/companies?search=Acme");
            assertThat(listed.getInteger("total")).isEqualTo(1);
            JsonObject mauticAcme = (JsonObject) listed.getJsonObject("companies").iterator().next().getValue();
            assertThat(mauticAcme.getInteger("score")).isEqualTo(55);
            assertThat(mauticAcme.getJsonObject("fields").getJsonObject("all").getString("companyname")).isEqualTo("Acme");
            JsonObject adaCompanies = api.get("/api/contacts/" + adaMautic + "/companies");
            assertThat(adaCompanies.getInteger("total")).isEqualTo(2);

            // Initech merged into Acme: its contact follows, its old id answers Acme.
            accepted(api.send("POST", "/api/v1/companies/acme/merge", "{\"from\": \"domain:initech.com\"}"));
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> companies(api, "co-cy"), c -> c.equals(List.of("acme")));
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> api.get("/api/v1/companies/acme").getInteger("contacts") == 2);
            JsonObject merged = api.get("/api/v1/companies/domain:initech.com");
            assertThat(merged.getString("id")).isEqualTo("acme");
            Set<String> members = api.get("/api/v1/companies/acme/contacts").getJsonArray("contacts").stream()
                    .map(c -> c instanceof JsonObject o ? o.getString("id") : c.toString()).collect(Collectors.toSet());
            assertThat(members).containsExactlyInAnyOrder("co-ada", "co-cy");

            // Partner deleted: Ada leaves it, Acme is her primary company again.
            assertThat(api.send("DELETE", "/api/v1/companies/partner", null).statusCode()).isBetween(200, 204);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> companies(api, "co-ada"), c -> c.equals(List.of("acme")));
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300))
                    .until(() -> api.get("/api/v1/contacts/co-ada").getString("primaryCompany"), "acme"::equals);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300))
                    .until(() -> api.send("GET", "/api/v1/companies/partner", null).statusCode() == 404);

            // The change stream: each company's latest record is the company as it is. Cy, now in a Software
            // company, entered the segment and so its campaign: 5 more for Acme.
            AvroCodec<CompanyChange> codec = AvroCodec.of(CompanyChange.class);
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                Map<String, CompanyChange> latest = new HashMap<>();
                TopicReader.readAll(config.get(KafkaOptions.BOOTSTRAP_SERVERS), TopicNames.from(config).companyChanges(), Duration.ofSeconds(30))
                        .forEach(r -> latest.put(r.key(), codec.decode(r.value())));
                assertThat(latest.get("acme").getScore()).isEqualTo(55 + 5);
                assertThat(latest.get("acme").getContacts()).isEqualTo(2);
                assertThat(latest.get("domain:initech.com").getMergedInto()).isEqualTo("acme");
                assertThat(latest.get("partner").getDeleted()).isTrue();
            });
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> api.get("/api/v1/companies/acme").getInteger("score") == 60);
        }
    }

    private static void identify(GatewayCalls api, String contact, String email) throws Exception {
        accepted(api.send("POST", "/api/v1/events", "{\"events\": [{\"type\": \"identify\", \"contact_id\": \"" + contact
                + "\", \"fields\": {\"email\": \"" + email + "\"}}]}"));
    }

    /** The contact's companies; none while the contact is not stored yet. */
    private static List<Object> companies(GatewayCalls api, String contact) throws Exception {
        java.net.http.HttpResponse<String> r = api.send("GET", "/api/v1/contacts/" + contact, null);
        if (r.statusCode() == 404) {
            return List.of();
        }
        JsonArray companies = new JsonObject(r.body()).getJsonArray("companies");
        return companies == null ? List.of() : companies.getList();
    }

    private static void accepted(java.net.http.HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 202);
    }
}
