package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * CSV import through the whole system: two files (one exported from another system: byte-order
 * mark, its own headers and ids, CRLF, a quoted line break) fill one segment by hand. Rows are
 * matched by email through the identity stage: a web visitor who gave their address is the same
 * contact as their row, an address twice is one contact. Bad rows are reported by line and reason,
 * and only they are left out.
 */
@ExtendWith(LeadStreamStackExtension.class)
class CsvImportIT {
    private static final String TOKEN = "import-token";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void twoFilesFillOneSegmentMatchedByEmailWithBadRowsReported(TestNamespace ns) throws Exception {
        LeadStreamConfig config = RunningEngine.config(ns, TOKEN);
        try (RunningEngine engine = RunningEngine.start(ns, config, "csv-import");
             GatewayServer gateway = new GatewayServer(config).start()) {
            engine.awaitRunning();
            String base = gateway.baseUrl();
            HttpResponse<String> segment = send(base, "PUT", "/api/v1/segments/newsletter", "application/json",
                    "{\"name\": \"Newsletter\", \"filters\": [{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 100000}]}");
            assertThat(segment.statusCode()).as(segment.body()).isEqualTo(201);

            // Ada visits and gives her address before any import: she is a contact already.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                http.send(HttpRequest.newBuilder(URI.create(base + "/mtracking.gif?page_url=" + enc("https://shop.example/")
                        + "&email=" + enc("ada@example.com"))).header("Cookie", "mautic_device_id=csvdev0001").build(),
                        HttpResponse.BodyHandlers.discarding());
                return contactByEmail(base, "ada@example.com") != null;
            });
            String ada = contactByEmail(base, "ada@example.com").getString("id");

            String crmExport = "\uFEFF\"ID\",\"Email\",\"First Name\",\"Company\",\"Notes\"\r\n"  // 1
                    + "17,ADA@example.com ,Ada,Analytical Engines,\"met at\r\nthe fair\"\r\n"   // 2-3
                    + "18,bob@example.com,Bob,Builders Ltd,\r\n"                                  // 4
                    + "19,not-an-address,Eve,,\r\n"                                              // 5 bad
                    + "20,,Nobody,,\r\n"                                                         // 6 bad
                    + "21,dan@example.com,Dan\r\n"                                               // 7 bad: 3 of 5 columns
                    + "\r\n"                                                                     // 8 blank
                    + "22,Bob@Example.com,Robert,,\r\n";                                         // 9 Bob again
            JsonObject first = importFile(base, crmExport, "crm-export.csv", "&map=" + enc("Notes:-"));
            assertThat(first.getString("state")).as(first.encode()).isEqualTo("done");
            assertThat(first.getLong("rows")).isEqualTo(6);
            assertThat(first.getLong("accepted")).isEqualTo(3);
            assertThat(first.getLong("rejected")).isEqualTo(3);
            assertThat(first.getLong("existingContacts")).isEqualTo(1);
            assertThat(first.getJsonObject("columns").getMap()).containsEntry("Email", "email").containsEntry("First Name", "firstname")
                    .containsEntry("Company", "company").containsEntry("ID", null).containsEntry("Notes", null);
            assertThat(first.getJsonArray("errors").stream().map(JsonObject.class::cast).map(e -> e.getLong("line") + " " + e.getString("reason")))
                    .containsExactly("5 email is not an address: not-an-address", "6 email is empty", "7 expected 5 columns, found 3");
            HttpResponse<String> errors = send(base, "GET", "/api/v1/imports/" + first.getString("id") + "/errors", null, null);
            assertThat(errors.body().lines()).containsExactly("line,reason", "5,email is not an address: not-an-address",
                    "6,email is empty", "7,\"expected 5 columns, found 3\""); // RFC 4180: the comma quotes it

            JsonObject second = importFile(base, "email,firstname,city\ncarol@example.com,Carol,Lyon\nada@example.com,,Paris\n",
                    "newsletter-signups.csv", "");
            assertThat(second.getLong("accepted")).as(second.encode()).isEqualTo(2);
            assertThat(second.getLong("rejected")).isZero();

            // Bob and Carol are new contacts the identity stage made; Ada's rows went to her.
            String bob = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> contactByEmail(base, "bob@example.com"), c -> c != null).getString("id");
            String carol = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> contactByEmail(base, "carol@example.com"), c -> c != null).getString("id");
            assertThat(List.of(bob, carol)).doesNotContain(ada).doesNotHaveDuplicates();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                JsonArray members = new JsonObject(send(base, "GET", "/api/v1/segments/newsletter/contacts", null, null).body()).getJsonArray("contacts");
                assertThat(members.getList()).containsExactlyInAnyOrder(ada, bob, carol);
                JsonObject adaFields = contactByEmail(base, "ada@example.com").getJsonObject("fields");
                assertThat(adaFields.getString("company")).isEqualTo("Analytical Engines");
                assertThat(adaFields.getString("city")).isEqualTo("Paris");
                assertThat(contactByEmail(base, "bob@example.com").getJsonObject("fields").getString("firstname")).isEqualTo("Robert");
            });
            assertThat(contactByEmail(base, "ada@example.com").getString("id")).isEqualTo(ada);

            HttpResponse<String> noEmail = send(base, "POST", "/api/v1/imports?segment=newsletter", "text/csv", "firstname,city\nx,y\n");
            assertThat(noEmail.statusCode()).isEqualTo(400);
            assertThat(new JsonObject(noEmail.body()).getJsonObject("error").getJsonArray("problems").getString(0)).contains("no email column");
            assertThat(send(base, "POST", "/api/v1/imports?segment=nope", "text/csv", "email\na@example.com\n").statusCode()).isEqualTo(404);
            assertThat(send(base, "POST", "/api/v1/imports", "application/json", "{}").statusCode()).isEqualTo(415);
            assertThat(send(base, "GET", "/api/v1/imports/unknown", null, null).statusCode()).isEqualTo(404);
            JsonArray listed = new JsonObject(send(base, "GET", "/api/v1/imports", null, null).body()).getJsonArray("imports");
            assertThat(listed.stream().map(JsonObject.class::cast).map(j -> j.getString("file")))
                    .containsExactly("newsletter-signups.csv", "crm-export.csv");
        }
    }

    /** Uploads a file into the newsletter segment and waits for its import to end. */
    private JsonObject importFile(String base, String csv, String name, String extra) throws Exception {
        return new GatewayCalls(base, TOKEN).importCsv("segment=newsletter&name=" + enc(name) + extra, csv);
    }

    private JsonObject contactByEmail(String base, String email) throws Exception {
        HttpResponse<String> r = send(base, "GET", "/api/v1/contacts?email=" + enc(email), null, null);
        return r.statusCode() == 200 ? new JsonObject(r.body()) : null;
    }

    private HttpResponse<String> send(String base, String method, String path, String type, String body) throws Exception {
        return new GatewayCalls(base, TOKEN).send(method, path, type, body);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
