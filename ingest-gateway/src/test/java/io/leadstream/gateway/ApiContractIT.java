package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.leadstream.common.config.CassandraOptions;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.store.cassandra.CassandraSchema;
import io.leadstream.store.cassandra.CassandraSessionFactory;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI document served at {@code /api/v1/openapi.yaml} against the running gateway: it is a
 * valid OpenAPI 3.1 contract, it lists exactly the /api/v1 routes the router mounts, and real
 * answers (successes, 400, 401, 403, 404) match its schemas, errors all in one format.
 */
@ExtendWith(LeadStreamStackExtension.class)
class ApiContractIT {
    private static final String READ_TOKEN = "read-only-token-0123456789";
    private static final String ADMIN = "Bearer " + GatewayFixture.TOKEN;
    private static final String READER = "Bearer " + READ_TOKEN;

    private static GatewayFixture gw;
    private static Vertx vertx;
    private static OpenAPIContract contract;
    private static ResponseValidator validator;

    @BeforeAll
    static void start(TestNamespace ns) throws Exception {
        CassandraSchema.apply(ns.config());
        gw = new GatewayFixture(ns, c -> c.with(GatewayOptions.API_READ_TOKENS, " other-reader-token-42 , " + READ_TOKEN));
        HttpResponse<String> doc = gw.get("/api/v1/openapi.yaml");
        assertThat(doc.statusCode()).isEqualTo(200);
        // The JDK client asks for an h2c upgrade; the gateway answers in HTTP/1.1 (an upgraded answer once came garbled).
        assertThat(doc.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
        assertThat(doc.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
        vertx = Vertx.vertx();
        contract = OpenAPIContract.from(vertx, OpenApiDocument.loadable(doc.body())).await(30, TimeUnit.SECONDS);
        validator = ResponseValidator.create(vertx, contract);
    }

    @AfterAll
    static void stop() {
        gw.close();
        vertx.close();
    }

    @Test
    void documentsExactlyTheMountedApiRoutes() {
        Set<String> mounted = new TreeSet<>();
        for (Route route : gw.gateway.router().getRoutes()) {
            String path = route.getPath();
            if (path == null || !path.startsWith("/api/v1/") || path.equals("/api/v1/") || path.endsWith("openapi.yaml")
                    || route.methods() == null) {
                continue; // the auth handler (all of /api/v1) and the document itself
            }
            for (HttpMethod method : route.methods()) {
                mounted.add(method.name() + " " + path.replaceAll(":([A-Za-z]+)", "{$1}"));
            }
        }
        Set<String> documented = new TreeSet<>();
        for (Operation op : contract.operations()) {
            documented.add(op.getHttpMethod().name() + " " + op.getOpenAPIPath());
        }
        assertThat(mounted).isNotEmpty().isEqualTo(documented);
    }

    @Test
    void tokensGet401And403InTheDocumentedErrorFormat() throws Exception {
        String form = "{\"id\": \"signup\", \"name\": \"Sign-up\", \"fields\": [{\"alias\": \"email\", \"type\": \"email\"}]}";
        checked("GET", "/api/v1/forms/signup", null, null, 401, "missing or invalid credentials");
        checked("GET", "/api/v1/forms/signup", null, "Bearer not-a-token", 401, "invalid bearer token");
        checked("PUT", "/api/v1/forms/signup", form, READER, 403, "may only read");
        checked("DELETE", "/api/v1/forms/signup", null, READER, 403, "may only read");
        checked("POST", "/api/v1/events", "{\"events\": []}", READER, 403, "may only read");
        checked("GET", "/api/v1/forms/signup", null, READER, 404, "no forms with id signup");

        // the admin token writes; the reader may then read it
        checked("PUT", "/api/v1/forms/signup", form, ADMIN, 201, null);
        checked("GET", "/api/v1/forms/signup", null, READER, 200, null);
        checked("DELETE", "/api/v1/forms/signup", null, ADMIN, 204, null);
    }

    @Test
    void badRequestsAnswerTheDocumentedErrorShape() throws Exception {
        checked("PUT", "/api/v1/segments/bad", "{\"filters\": 7}", ADMIN, 422, "invalid segments definition");
        checked("POST", "/api/v1/events", "{\"events\": \"no\"}", ADMIN, 400, null);
        checked("GET", "/api/v1/contacts", null, READER, 400, "give email");
        checked("GET", "/api/v1/contacts/no-such-contact", null, READER, 404, "no contact no-such-contact");
        checked("GET", "/api/v1/contacts/no-such-contact/timeline?size=500", null, READER, 400, "size");
        checked("GET", "/api/v1/contacts/no-such-contact/export", null, READER, 404, "no contact no-such-contact");
        checked("DELETE", "/api/v1/contacts/no-such-contact", null, READER, 403, "may only read");
        checked("DELETE", "/api/v1/contacts/no-such-contact", null, ADMIN, 404, "no contact no-such-contact");
        checked("GET", "/api/v1/imports/no-such-import", null, READER, 404, "no import no-such-import");
        checked("GET", "/api/v1/imports", null, READER, 200, null);
        checked("GET", "/api/v1/stats/emails", null, READER, 200, null);
        checked("GET", "/api/v1/stats/segments", null, READER, 200, null);
        checked("GET", "/api/v1/stats/overview", null, READER, 200, null);
        checked("GET", "/api/v1/stats/campaigns", null, READER, 200, null);
        checked("GET", "/api/v1/stats/segments/none/history", null, READER, 404, "no segment none");
        checked("GET", "/api/v1/stats/emails/none/daily", null, READER, 404, "no email none");
        checked("GET", "/api/v1/stats/emails/none/daily?days=0", null, READER, 400, "days");
        checked("GET", "/api/v1/stats/campaigns/none", null, READER, 404, "no campaign none");
        checked("POST", "/api/v1/imports", "email\n", READER, 403, "may only read");
        checked("POST", "/api/v1/contacts/no-such-contact/tags", "{\"add\": [\"vip\"]}", READER, 403, "may only read");
        checked("POST", "/api/v1/contacts/no-such-contact/tags", "{\"add\": [\"vip\"]}", ADMIN, 404, "no contact no-such-contact");
        checked("POST", "/api/v1/contacts/no-such-contact/tags", "{\"add\": [\"a,b\"]}", ADMIN, 400, "no comma");
    }

    @Test
    void aKnownContactsProfileAndItsTaggingMatchTheDocument() throws Exception {
        try (CqlSession cql = CassandraSessionFactory.open(gw.config)) {
            String ks = gw.config.get(CassandraOptions.KEYSPACE);
            cql.execute("INSERT INTO " + ks + ".contacts (contact_id, first_seen, identified) VALUES ('c-known', toTimestamp(now()), false)");
            cql.execute("INSERT INTO " + ks + ".contact_profiles (contact_id, points, points_by_group, tags) VALUES ('c-known', 5, {'pricing': 5}, {'vip'})");
        }
        checked("GET", "/api/v1/contacts/c-known", null, READER, 200, null);
        checked("POST", "/api/v1/contacts/c-known/tags", "{\"add\": [\"lead\"], \"remove\": [\"vip\"]}", ADMIN, 202, null);
    }

    /** Sends the request, checks status and reason, and validates the answer against its operation. */
    private static void checked(String method, String pathAndQuery, String body, String auth, int status, String reason) throws Exception {
        HttpResponse<String> r = auth == null
                ? gw.send(method, pathAndQuery, "application/json", body)
                : gw.send(method, pathAndQuery, "application/json", body, "Authorization", auth);
        assertThat(r.statusCode()).as(method + " " + pathAndQuery + ": " + r.body()).isEqualTo(status);
        if (status >= 400) {
            JsonObject error = new JsonObject(r.body()).getJsonObject("error");
            assertThat(error.getInteger("code")).isEqualTo(status);
            if (reason != null) {
                assertThat(error.getString("message")).contains(reason);
            }
        }
        String path = URI.create(pathAndQuery).getPath();
        Operation op = contract.findOperation(path, HttpMethod.valueOf(method));
        assertThat(op).as("documented: " + method + " " + path).isNotNull();
        String type = r.headers().firstValue("Content-Type").orElse(null);
        ValidatableResponse response = r.body().isEmpty()
                ? ValidatableResponse.create(r.statusCode(), Map.of())
                : ValidatableResponse.create(r.statusCode(), Buffer.buffer(r.body()), type);
        validator.validate(response, op.getOperationId()).await(10, TimeUnit.SECONDS);
    }
}
