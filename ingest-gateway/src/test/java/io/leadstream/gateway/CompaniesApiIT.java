package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.leadstream.common.config.CassandraOptions;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.engine.CompanyCommand;
import io.leadstream.schemas.engine.CompanyCommandKind;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.stack.TopicReader;
import io.leadstream.store.cassandra.CassandraSchema;
import io.leadstream.store.cassandra.CassandraSessionFactory;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Companies through both APIs on the real embedded Cassandra and Kafka, without the engine: each write must put
 * its CompanyCommand on company-commands (kind, ids, fields in their stored form) once answered; reads come from
 * rows written here with plain CQL, as the engine would write them. Our API's answers are checked against the
 * OpenAPI document too.
 *
 * <pre>
 *   companies: acme ◄── acme-old ◄── acme-older (merged_into)     domain:globex.com     loop-a ◄──► loop-b
 *              wile, coyote, roadrunner ◄── roadrunner-old, doomed, doomed-too, erin-co (each test writes to its own)
 *   company_members: acme {ada, bob}, domain:globex.com {ada}, erin-co {erin}
 *   contacts: ada (ada-old is merged into it; companies [domain:globex.com, acme], primary acme), bob (none), erin
 * </pre>
 */
@ExtendWith(LeadStreamStackExtension.class)
class CompaniesApiIT {
    private static final String ADMIN = "Bearer " + GatewayFixture.TOKEN;
    private static final String READER = "Bearer read-only-token-0123456789";
    private static final Instant T = Instant.parse("2024-03-01T10:00:00Z");
    private static final long ADA_MAUTIC_ID = 5_551;
    private static final long ACME_OLDER_MAUTIC_ID = 7_771;
    private static final AvroCodec<CompanyCommand> CODEC = AvroCodec.of(CompanyCommand.class);

    private static GatewayFixture gw;
    private static Vertx vertx;
    private static OpenAPIContract contract;
    private static ResponseValidator validator;

    @BeforeAll
    static void writeRowsAndStartGateway(TestNamespace ns) throws Exception {
        LeadStreamConfig config = ns.config();
        CassandraSchema.apply(config);
        String ks = config.get(CassandraOptions.KEYSPACE) + ".";
        try (CqlSession s = CassandraSessionFactory.open(config)) {
            company(s, ks, "acme", Map.of("companyname", "Acme", "companydomain", "acme.com", "companycity", "Lyon"), 42, 12, 30, 2, null);
            company(s, ks, "acme-old", Map.of("companyname", "Acme (old)"), 0, 0, 0, 0, "acme");
            company(s, ks, "acme-older", Map.of("companyname", "Acme (older)"), 0, 0, 0, 0, "acme-old");
            company(s, ks, "domain:globex.com", Map.of("companyname", "globex.com", "companydomain", "globex.com"), 5, 0, 5, 1, null);
            company(s, ks, "loop-a", Map.of("companyname", "Loop A"), 0, 0, 0, 0, "loop-b");
            company(s, ks, "loop-b", Map.of("companyname", "Loop B"), 0, 0, 0, 0, "loop-a");
            company(s, ks, "wile", Map.of("companyname", "Wile", "companycity", "Desert", "companyindustry", "Traps"), 0, 0, 0, 0, null);
            company(s, ks, "coyote", Map.of("companyname", "Coyote"), 0, 0, 0, 0, null);
            company(s, ks, "roadrunner", Map.of("companyname", "Roadrunner", "companycity", "Mesa"), 0, 0, 0, 0, null);
            company(s, ks, "roadrunner-old", Map.of("companyname", "Roadrunner (old)"), 0, 0, 0, 0, "roadrunner");
            company(s, ks, "doomed", Map.of("companyname", "Doomed"), 0, 0, 0, 0, null);
            company(s, ks, "doomed-too", Map.of("companyname", "Doomed too"), 0, 0, 0, 0, null);
            company(s, ks, "erin-co", Map.of("companyname", "Erin Co"), 0, 0, 0, 1, null);
            member(s, ks, "acme", "ada", T.plusSeconds(10));
            member(s, ks, "acme", "bob", T.plusSeconds(20));
            member(s, ks, "domain:globex.com", "ada", T.plusSeconds(5));
            member(s, ks, "erin-co", "erin", T.plusSeconds(30));

            for (String id : List.of("ada", "bob", "erin")) {
                cql(s, "INSERT INTO " + ks + "contacts (contact_id, first_seen, last_seen, identified) VALUES (?, ?, ?, false)", id, T, T);
            }
            cql(s, "INSERT INTO " + ks + "contact_aliases (alias_id, claim_time, owner_time, target_id) VALUES ('ada-old', ?, ?, 'ada')", T, T);
            cql(s, "INSERT INTO " + ks + "contact_merged_ids (target_id, alias_id) VALUES ('ada', 'ada-old')");
            cql(s, "INSERT INTO " + ks + "contact_profiles (contact_id, points, points_by_group, tags, companies, primary_company)"
                    + " VALUES ('ada', 10, {}, {}, ['domain:globex.com', 'acme'], 'acme')");
            cql(s, "INSERT INTO " + ks + "contact_profiles (contact_id, points, companies, primary_company) VALUES ('erin', 0, ['erin-co'], 'erin-co')");
            for (Object[] id : new Object[][] {{"contact", ADA_MAUTIC_ID, "ada"}, {"company", ACME_OLDER_MAUTIC_ID, "acme-older"}}) {
                cql(s, "INSERT INTO " + ks + "mautic_ids (kind, id, target) VALUES (?, ?, ?)", id);
                cql(s, "INSERT INTO " + ks + "mautic_id_of (kind, target, id) VALUES (?, ?, ?)", id[0], id[2], id[1]);
            }
        }
        gw = new GatewayFixture(ns, c -> c.with(GatewayOptions.API_READ_TOKENS, READER.substring("Bearer ".length())));
        vertx = Vertx.vertx();
        contract = OpenAPIContract.from(vertx, OpenApiDocument.loadable(gw.get("/api/v1/openapi.yaml").body())).await(30, TimeUnit.SECONDS);
        validator = ResponseValidator.create(vertx, contract);
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
        if (vertx != null) {
            vertx.close();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Our API: reads

    @Test
    void aCompanyIsReadAndAMergedIdAnswersItsSurvivor() throws Exception {
        JsonObject acme = ok("GET", "/api/v1/companies/acme", null, READER, 200);
        assertThat(acme.getString("id")).isEqualTo("acme");
        assertThat(acme.getString("requested")).isEqualTo("acme");
        assertThat(acme.getJsonObject("fields").getMap()).containsExactlyInAnyOrderEntriesOf(
                Map.of("companyname", "Acme", "companydomain", "acme.com", "companycity", "Lyon"));
        assertThat(List.of(acme.getInteger("score"), acme.getInteger("ownPoints"), acme.getInteger("contactPoints"), acme.getInteger("contacts")))
                .containsExactly(42, 12, 30, 2);
        assertThat(acme.getString("created")).isEqualTo(T.toString());

        JsonObject older = ok("GET", "/api/v1/companies/acme-older", null, READER, 200);
        assertThat(older.getString("id")).as("two merges followed").isEqualTo("acme");
        assertThat(older.getString("requested")).isEqualTo("acme-older");
        assertThat(older.getJsonObject("fields")).isEqualTo(acme.getJsonObject("fields"));

        checked("GET", "/api/v1/companies/no-such-company", null, READER, 404, "no company no-such-company");
        checked("GET", "/api/v1/companies/loop-a", null, READER, 404, "no company loop-a");
        checked("GET", "/api/v1/companies/bad%20id", null, READER, 400, "company id");
        assertThat(gw.get("/api/v1/companies/acme").statusCode()).as("no token").isEqualTo(401);
    }

    @Test
    void companiesAreListedAndTheirContactsPagedWithSince() throws Exception {
        JsonObject all = ok("GET", "/api/v1/companies?size=100", null, READER, 200);
        List<String> ids = all.getJsonArray("companies").stream().map(c -> ((JsonObject) c).getString("id")).toList();
        assertThat(ids).contains("acme", "domain:globex.com", "wile").doesNotContain("acme-old", "acme-older", "roadrunner-old", "loop-a", "loop-b");
        assertThat(all.getBoolean("hasMore")).isFalse();
        JsonObject first = ok("GET", "/api/v1/companies?page=1&size=2", null, READER, 200);
        JsonObject second = ok("GET", "/api/v1/companies?page=2&size=2", null, READER, 200);
        assertThat(first.getBoolean("hasMore")).isTrue();
        assertThat(first.getJsonArray("companies").size()).isEqualTo(2);
        assertThat(ids.subList(0, 4)).containsExactlyElementsOf(List.of(first.getJsonArray("companies").getJsonObject(0).getString("id"),
                first.getJsonArray("companies").getJsonObject(1).getString("id"), second.getJsonArray("companies").getJsonObject(0).getString("id"),
                second.getJsonArray("companies").getJsonObject(1).getString("id")));
        checked("GET", "/api/v1/companies?size=101", null, READER, 400, "size");
        checked("GET", "/api/v1/companies?page=0", null, READER, 400, "page");
        checked("GET", "/api/v1/companies?page=200&size=100", null, READER, 400, "page * size");

        JsonObject members = ok("GET", "/api/v1/companies/acme-old/contacts", null, READER, 200);
        assertThat(members.getString("company")).isEqualTo("acme");
        assertThat(members.getString("requested")).isEqualTo("acme-old");
        assertThat(members.getJsonArray("contacts")).containsExactly(
                new JsonObject().put("id", "ada").put("since", T.plusSeconds(10).toString()),
                new JsonObject().put("id", "bob").put("since", T.plusSeconds(20).toString()));
        JsonObject page = ok("GET", "/api/v1/companies/acme/contacts?page=2&size=1", null, READER, 200);
        assertThat(page.getJsonArray("contacts").stream().map(c -> ((JsonObject) c).getString("id"))).containsExactly("bob");
        assertThat(page.getBoolean("hasMore")).isFalse();
        checked("GET", "/api/v1/companies/nobody/contacts", null, READER, 404, "no company nobody");
    }

    @Test
    void aContactShowsItsCompaniesAndPrimaryOne() throws Exception {
        JsonObject ada = ok("GET", "/api/v1/contacts/ada-old", null, READER, 200);
        assertThat(ada.getJsonArray("companies")).containsExactly("domain:globex.com", "acme");
        assertThat(ada.getString("primaryCompany")).isEqualTo("acme");
        JsonObject bob = ok("GET", "/api/v1/contacts/bob", null, READER, 200);
        assertThat(bob.getJsonArray("companies")).isEmpty();
        assertThat(bob.containsKey("primaryCompany")).isTrue();
        assertThat(bob.getValue("primaryCompany")).isNull();
    }

    // ---------------------------------------------------------------------------------------------
    // Our API: writes

    @Test
    void aNewCompanyIsAnUpsertWithFieldsInTheirStoredFormAndReadsAtOnce() throws Exception {
        HttpResponse<String> r = checked("POST", "/api/v1/companies", """
                {"fields": {"companyname": " Initech ", "companydomain": "https://www.Initech.COM/about", "companycountry": "us",
                 "companynumber_of_employees": 250}}""", ADMIN, 201, null);
        JsonObject created = new JsonObject(r.body());
        String id = created.getString("id");
        assertThat(r.headers().firstValue("Location")).hasValue("/api/v1/companies/" + id);
        assertThat(created.getBoolean("created")).isTrue();
        Map<String, String> stored = Map.of("companyname", "Initech", "companydomain", "initech.com", "companycountry", "United States",
                "companynumber_of_employees", "250");
        assertThat(created.getJsonObject("fields").getMap()).containsExactlyInAnyOrderEntriesOf(stored);

        CompanyCommand command = command(created.getString("commandId"));
        assertThat(command.getKind()).isEqualTo(CompanyCommandKind.UPSERT);
        assertThat(command.getCompanyId()).isEqualTo(id);
        assertThat(command.getFields()).containsExactlyInAnyOrderEntriesOf(stored);
        assertThat(command.getCause()).isEqualTo("api");
        assertThat(command.getEventTime()).isBetween(Instant.now().minusSeconds(60), Instant.now());

        // The engine has not written it (it is not running here): this gateway answers with its own write.
        JsonObject read = ok("GET", "/api/v1/companies/" + id, null, READER, 200);
        assertThat(read.getJsonObject("fields").getMap()).containsExactlyInAnyOrderEntriesOf(stored);
        assertThat(read.getInteger("score")).isZero();

        checked("POST", "/api/v1/companies", "{\"fields\": {\"companycity\": \"Austin\"}}", ADMIN, 422, "a new company needs a name");
        checked("POST", "/api/v1/companies", "{\"fields\": {\"companyname\": \"X\"}}", READER, 403, "may only read");
    }

    @Test
    void putChangesTheSurvivorCreatesUnderItsIdAndRefusesBadValuesByName() throws Exception {
        JsonObject changed = ok("PUT", "/api/v1/companies/roadrunner-old", "{\"fields\": {\"companyindustry\": \"Anvils\", \"companycity\": null}}",
                ADMIN, 202);
        assertThat(changed.getString("id")).isEqualTo("roadrunner");
        assertThat(changed.getString("requested")).isEqualTo("roadrunner-old");
        assertThat(changed.getBoolean("created")).isFalse();
        CompanyCommand upsert = command(changed.getString("commandId"));
        assertThat(upsert.getKind()).isEqualTo(CompanyCommandKind.UPSERT);
        assertThat(upsert.getCompanyId()).isEqualTo("roadrunner");
        assertThat(upsert.getFields()).containsExactlyInAnyOrderEntriesOf(Map.of("companyindustry", "Anvils", "companycity", ""));
        assertThat(ok("GET", "/api/v1/companies/roadrunner", null, READER, 200).getJsonObject("fields").getMap())
                .as("this gateway's write is laid over the row until the engine has written it")
                .containsExactlyInAnyOrderEntriesOf(Map.of("companyname", "Roadrunner", "companyindustry", "Anvils"));

        checked("PUT", "/api/v1/companies/new-co", "{\"fields\": {\"companycity\": \"Oslo\"}}", ADMIN, 422, "a new company needs a name");
        JsonObject made = ok("PUT", "/api/v1/companies/new-co", "{\"fields\": {\"companyname\": \"New Co\", \"companywebsite\": \"https://new.example\"}}",
                ADMIN, 202);
        assertThat(made.getBoolean("created")).isTrue();
        assertThat(command(made.getString("commandId")).getCompanyId()).isEqualTo("new-co");
        assertThat(ok("GET", "/api/v1/companies/new-co", null, READER, 200).getJsonObject("fields").getString("companyname")).isEqualTo("New Co");

        HttpResponse<String> refused = checked("PUT", "/api/v1/companies/coyote", """
                {"fields": {"nosuchfield": "x", "firstname": "Ada", "companyemail": "nope", "companydomain": "localhost", "companyname": ""}}""",
                ADMIN, 422, "company field values refused");
        assertThat(GatewayFixture.problemPointers(refused))
                .containsExactly("/fields/nosuchfield", "/fields/firstname", "/fields/companyemail", "/fields/companydomain", "/fields/companyname");
        checked("PUT", "/api/v1/companies/domain:fresh.example", "{\"fields\": {\"companyname\": \"Fresh\"}}", ADMIN, 400, "domain:");
        checked("PUT", "/api/v1/companies/coyote", "{\"fields\": {}}", ADMIN, 400, "fields");
        checked("PUT", "/api/v1/companies/coyote", "{\"name\": \"x\"}", ADMIN, 400, "unknown key");
        checked("PUT", "/api/v1/companies/coyote", "{\"fields\": {\"companyname\": \"X\"}}", READER, 403, "may only read");
    }

    @Test
    void contactsJoinAndLeaveAsTheirRootsAndAnUnknownOneSendsNothing() throws Exception {
        int before = commands().size();
        checked("POST", "/api/v1/companies/wile/contacts", "{\"add\": [\"ada\", \"nobody-at-all\"]}", ADMIN, 404, "no contact nobody-at-all");
        checked("POST", "/api/v1/companies/no-such-company/contacts", "{\"add\": [\"ada\"]}", ADMIN, 404, "no company no-such-company");
        checked("POST", "/api/v1/companies/wile/contacts", "{\"add\": [\"ada\"], \"remove\": [\"ada\"]}", ADMIN, 400, "both added and removed");
        checked("POST", "/api/v1/companies/wile/contacts", "{\"add\": [\"ada\"]}", READER, 403, "may only read");
        assertThat(commands()).hasSize(before);

        JsonObject r = ok("POST", "/api/v1/companies/wile/contacts", "{\"add\": [\"ada-old\", \"ada\"], \"remove\": [\"bob\"]}", ADMIN, 202);
        assertThat(r.getJsonArray("add")).as("two ids of one contact: one root").containsExactly("ada");
        assertThat(r.getJsonArray("remove")).containsExactly("bob");
        List<CompanyCommand> sent = r.getJsonArray("commandIds").stream().map(id -> command((String) id)).toList();
        assertThat(sent).extracting(c -> c.getKind() + " " + c.getCompanyId() + " " + c.getContactId())
                .containsExactly("LINK wile ada", "UNLINK wile bob");
        assertThat(sent).extracting(CompanyCommand::getCause).containsOnly("api");
    }

    @Test
    void aMergeNamesBothCompaniesAndPointsChangeTheCompanysOwn() throws Exception {
        checked("POST", "/api/v1/companies/wile/merge", "{\"from\": \"wile\"}", ADMIN, 400, "into itself");
        checked("POST", "/api/v1/companies/acme/merge", "{\"from\": \"acme-older\"}", ADMIN, 400, "merged into acme already");
        checked("POST", "/api/v1/companies/wile/merge", "{\"from\": \"no-such-company\"}", ADMIN, 404, "no company no-such-company");
        checked("POST", "/api/v1/companies/no-such-company/merge", "{\"from\": \"wile\"}", ADMIN, 404, "no company no-such-company");
        JsonObject merged = ok("POST", "/api/v1/companies/wile/merge", "{\"from\": \"coyote\"}", ADMIN, 202);
        assertThat(merged.getString("id")).isEqualTo("wile");
        assertThat(merged.getString("merged")).isEqualTo("coyote");
        CompanyCommand merge = command(merged.getString("commandId"));
        assertThat(merge.getKind()).isEqualTo(CompanyCommandKind.MERGE_INTO);
        assertThat(merge.getCompanyId()).isEqualTo("coyote");
        assertThat(merge.getOtherCompanyId()).isEqualTo("wile");
        assertThat(commandRecord(merged.getString("commandId")).key()).as("keyed by the company merged away").isEqualTo("coyote");
        assertThat(ok("GET", "/api/v1/companies/coyote", null, READER, 200).getString("id")).as("this gateway's merge is read at once").isEqualTo("wile");

        JsonObject points = ok("POST", "/api/v1/companies/wile/points", "{\"delta\": -15}", ADMIN, 202);
        assertThat(points.getInteger("delta")).isEqualTo(-15);
        CompanyCommand add = command(points.getString("commandId"));
        assertThat(add.getKind()).isEqualTo(CompanyCommandKind.ADD_POINTS);
        assertThat(add.getCompanyId()).isEqualTo("wile");
        assertThat(add.getPoints()).isEqualTo(-15);
        checked("POST", "/api/v1/companies/wile/points", "{\"delta\": 0}", ADMIN, 400, "delta");
        checked("POST", "/api/v1/companies/no-such-company/points", "{\"delta\": 3}", ADMIN, 404, "no company");
        checked("POST", "/api/v1/companies/wile/points", "{\"delta\": 3}", READER, 403, "may only read");
    }

    @Test
    void aDeletedCompanyIsGoneForThisGatewayAtOnce() throws Exception {
        checked("DELETE", "/api/v1/companies/doomed", null, READER, 403, "may only read");
        JsonObject deleted = ok("DELETE", "/api/v1/companies/doomed", null, ADMIN, 202);
        CompanyCommand delete = command(deleted.getString("commandId"));
        assertThat(delete.getKind()).isEqualTo(CompanyCommandKind.DELETE);
        assertThat(delete.getCompanyId()).isEqualTo("doomed");
        checked("GET", "/api/v1/companies/doomed", null, READER, 404, "no company doomed");
        checked("DELETE", "/api/v1/companies/doomed", null, ADMIN, 404, "no company doomed");
    }

    @Test
    void companyFieldsNeverLandOnAContact() throws Exception {
        HttpResponse<String> r = checked("PATCH", "/api/v1/contacts/ada", "{\"fields\": {\"companyname\": \"Evil Corp\", \"city\": \"Paris\"}}",
                ADMIN, 422, "field values refused");
        assertThat(GatewayFixture.problemPointers(r)).containsExactly("/fields/companyname");
        assertThat(new JsonObject(r.body()).getJsonObject("error").getJsonArray("problems").getJsonObject(0).getString("reason"))
                .contains("company field");
        assertThat(gw.get("/mtracking.gif?page_url=" + GatewayFixture.enc("https://shop.example/co") + "&firstname=Eve&companyname=Evil",
                "Cookie", "mautic_device_id=devcompany01", "User-Agent", "Mozilla/5.0 Firefox/130.0").statusCode()).isEqualTo(200);
        assertThat(gw.drain()).filteredOn(e -> "devcompany01".equals(e.getDeviceId())).singleElement()
                .satisfies(e -> assertThat(e.getFields()).containsEntry("firstname", "Eve").doesNotContainKey("companyname"));
    }

    // ---------------------------------------------------------------------------------------------
    // GDPR

    @Test
    void theExportHoldsTheContactsCompaniesAndAnErasureTakesItOutOfThem() throws Exception {
        JsonObject export = ok("GET", "/api/v1/contacts/ada-old/export", null, READER, 200);
        assertThat(export.getJsonArray("companies")).containsExactly(
                new JsonObject().put("id", "domain:globex.com").put("name", "globex.com").put("primary", false).put("since", T.plusSeconds(5).toString()),
                new JsonObject().put("id", "acme").put("name", "Acme").put("primary", true).put("since", T.plusSeconds(10).toString()));
        assertThat(export.getJsonObject("tables").getJsonArray("company_members").stream().map(m -> ((JsonObject) m).getString("company_id")))
                .containsExactlyInAnyOrder("domain:globex.com", "acme");

        JsonObject erased = ok("DELETE", "/api/v1/contacts/erin", null, ADMIN, 202);
        assertThat(erased.getLong("rowsDeleted")).isPositive();
        assertThat(ok("GET", "/api/v1/companies/erin-co/contacts", null, READER, 200).getJsonArray("contacts")).isEmpty();
        assertThat(ok("GET", "/api/v1/companies/erin-co", null, READER, 200).getString("id")).as("the company stays").isEqualTo("erin-co");
    }

    // ---------------------------------------------------------------------------------------------
    // Mautic's API

    @Test
    void mauticListsAndReadsCompaniesWithIntegerIdsAndAMergedIdsSurvivor() throws Exception {
        JsonObject list = mautic(ADMIN, "GET", "/api/companies?search=acme", null, 200);
        assertThat(list.getInteger("total")).isEqualTo(1);
        assertThat(list.getJsonObject("companies").size()).isEqualTo(1);
        String acmeId = list.getJsonObject("companies").fieldNames().iterator().next();
        JsonObject listed = list.getJsonObject("companies").getJsonObject(acmeId);
        assertThat(listed.getLong("id")).isEqualTo(Long.parseLong(acmeId)).isPositive().isLessThanOrEqualTo((1L << 53) - 1);

        JsonObject acme = mautic(READER, "GET", "/api/companies/" + acmeId, null, 200).getJsonObject("company");
        assertThat(acme.getLong("id")).isEqualTo(Long.parseLong(acmeId));
        assertThat(acme.getInteger("score")).isEqualTo(42);
        assertThat(acme.getString("dateAdded")).isEqualTo(T.toString());
        assertThat(acme.getJsonObject("fields").getJsonObject("all").getString("companyname")).isEqualTo("Acme");
        assertThat(acme.getJsonObject("fields").getJsonObject("all").getLong("id")).isEqualTo(Long.parseLong(acmeId));
        JsonObject name = acme.getJsonObject("fields").getJsonObject("core").getJsonObject("companyname");
        assertThat(name.getString("alias")).isEqualTo("companyname");
        assertThat(name.getString("label")).isEqualTo("Company name");
        assertThat(name.getString("type")).isEqualTo("text");
        assertThat(name.getString("value")).isEqualTo("Acme");
        assertThat(acme.getJsonObject("fields").getJsonObject("core").fieldNames()).contains("companydomain", "companyindustry")
                .doesNotContain("firstname", "email");

        JsonObject viaOld = mautic(READER, "GET", "/api/companies/" + ACME_OLDER_MAUTIC_ID, null, 200).getJsonObject("company");
        assertThat(viaOld.getLong("id")).as("a merged company's id answers the survivor").isEqualTo(Long.parseLong(acmeId));

        assertThat(mautic(READER, "GET", "/api/companies?search=companyname:GLOB", null, 200).getInteger("total")).isEqualTo(1);
        JsonObject page = mautic(READER, "GET", "/api/companies?start=1&limit=1", null, 200);
        assertThat(page.getJsonObject("companies").size()).isEqualTo(1);
        assertThat(page.getInteger("total")).isGreaterThanOrEqualTo(5);
        mauticError(READER, "GET", "/api/companies/123", null, 404);
        mauticError(READER, "GET", "/api/companies/abc", null, 404);

        // Contact fields and company fields are listed apart.
        JsonObject companyFields = mautic(READER, "GET", "/api/fields/company", null, 200);
        assertThat(companyFields.getJsonArray("fields").stream().map(f -> ((JsonObject) f).getString("alias"))).contains("companyname", "companydomain")
                .doesNotContain("email");
        assertThat(companyFields.getJsonArray("fields").stream().map(f -> ((JsonObject) f).getString("object"))).containsOnly("company");
        assertThat(mautic(READER, "GET", "/api/fields/contact", null, 200).getJsonArray("fields").stream()
                .map(f -> ((JsonObject) f).getString("alias"))).contains("email").doesNotContain("companyname");
    }

    @Test
    void mauticCreatesEditsAndDeletesCompaniesAsCommands() throws Exception {
        JsonObject created = mautic(ADMIN, "POST", "/api/companies/new",
                "{\"companyname\": \"Hooli\", \"companydomain\": \"WWW.Hooli.com\", \"companycity\": \"Palo Alto\", \"isPublished\": true}", 201)
                .getJsonObject("company");
        long hooli = created.getLong("id");
        assertThat(created.getJsonObject("fields").getJsonObject("all").getString("companydomain")).isEqualTo("hooli.com");
        CompanyCommand upsert = commands().stream().filter(c -> "Hooli".equals(c.getFields().get("companyname"))).findFirst().orElseThrow();
        assertThat(upsert.getKind()).isEqualTo(CompanyCommandKind.UPSERT);
        assertThat(upsert.getCause()).isEqualTo("mautic-api");
        assertThat(upsert.getFields()).containsExactlyInAnyOrderEntriesOf(Map.of("companyname", "Hooli", "companydomain", "hooli.com",
                "companycity", "Palo Alto"));
        assertThat(mautic(READER, "GET", "/api/companies/" + hooli, null, 200).getJsonObject("company").getString("leadstreamId"))
                .isEqualTo(upsert.getCompanyId());

        // A contact joins the company just made; the engine is not needed for that.
        assertThat(mautic(ADMIN, "POST", "/api/companies/" + hooli + "/contact/" + ADA_MAUTIC_ID + "/add", null, 200))
                .isEqualTo(new JsonObject().put("success", 1));
        assertThat(mautic(ADMIN, "POST", "/api/companies/" + hooli + "/contact/" + ADA_MAUTIC_ID + "/remove", null, 200))
                .isEqualTo(new JsonObject().put("success", 1));
        assertThat(commands()).filteredOn(c -> upsert.getCompanyId().equals(c.getCompanyId()) && c.getContactId() != null)
                .extracting(c -> c.getKind() + " " + c.getContactId()).containsExactly("LINK ada", "UNLINK ada");
        mauticError(ADMIN, "POST", "/api/companies/" + hooli + "/contact/999999/add", null, 404);

        mauticError(ADMIN, "POST", "/api/companies/new", "{\"companycity\": \"Nowhere\"}", 400);
        mauticError(ADMIN, "POST", "/api/companies/new", "{\"companyname\": \"X\", \"companyemail\": \"not-an-address\"}", 400);
        mauticError(READER, "POST", "/api/companies/new", "{\"companyname\": \"X\"}", 403);

        JsonObject edited = mautic(ADMIN, "PATCH", "/api/companies/" + hooli + "/edit", "{\"companycity\": \"Mountain View\"}", 200)
                .getJsonObject("company");
        assertThat(edited.getJsonObject("fields").getJsonObject("all").getString("companycity")).isEqualTo("Mountain View");
        assertThat(edited.getJsonObject("fields").getJsonObject("all").getString("companyname")).isEqualTo("Hooli");
        mauticError(ADMIN, "PATCH", "/api/companies/999999/edit", "{\"companycity\": \"X\"}", 404);

        // PUT replaces: what it does not give is cleared (the name stays); an id naming nothing makes a new company.
        String wileId = mautic(READER, "GET", "/api/companies?search=wile", null, 200).getJsonObject("companies").fieldNames().iterator().next();
        JsonObject replaced = mautic(ADMIN, "PUT", "/api/companies/" + wileId + "/edit", "{\"companyindustry\": \"Rockets\"}", 200)
                .getJsonObject("company");
        assertThat(replaced.getJsonObject("fields").getJsonObject("all").getString("companyindustry")).isEqualTo("Rockets");
        assertThat(replaced.getJsonObject("fields").getJsonObject("all").getValue("companycity")).isNull();
        assertThat(commands()).filteredOn(c -> "wile".equals(c.getCompanyId()) && c.getKind() == CompanyCommandKind.UPSERT)
                .anySatisfy(c -> assertThat(c.getFields()).containsExactlyInAnyOrderEntriesOf(Map.of("companyindustry", "Rockets", "companycity", "")));
        JsonObject fresh = mautic(ADMIN, "PUT", "/api/companies/999998/edit", "{\"companyname\": \"Pied Piper\"}", 201).getJsonObject("company");
        assertThat(fresh.getLong("id")).isNotEqualTo(999998L);

        String doomedId = mautic(READER, "GET", "/api/companies?search=doomed%20too", null, 200).getJsonObject("companies").fieldNames().iterator().next();
        JsonObject asItWas = mautic(ADMIN, "DELETE", "/api/companies/" + doomedId + "/delete", null, 200).getJsonObject("company");
        assertThat(asItWas.getJsonObject("fields").getJsonObject("all").getString("companyname")).isEqualTo("Doomed too");
        assertThat(commands()).anySatisfy(c -> assertThat(c.getKind() + " " + c.getCompanyId()).isEqualTo("DELETE doomed-too"));
        mauticError(READER, "GET", "/api/companies/" + doomedId, null, 404);
    }

    @Test
    void mauticListsAContactsCompaniesPrimaryFirst() throws Exception {
        JsonObject companies = mautic(READER, "GET", "/api/contacts/" + ADA_MAUTIC_ID + "/companies", null, 200);
        assertThat(companies.getInteger("total")).isEqualTo(2);
        JsonObject primary = companies.getJsonArray("companies").getJsonObject(0);
        JsonObject other = companies.getJsonArray("companies").getJsonObject(1);
        assertThat(primary.getString("companyname")).isEqualTo("Acme");
        assertThat(primary.getString("is_primary")).isEqualTo("1");
        assertThat(primary.getString("date_associated")).isEqualTo(T.plusSeconds(10).toString());
        assertThat(primary.getLong("company_id")).isPositive();
        assertThat(other.getString("companyname")).isEqualTo("globex.com");
        assertThat(other.getString("is_primary")).isEqualTo("0");
        mauticError(READER, "GET", "/api/contacts/999999/companies", null, 404);
    }

    // ---------------------------------------------------------------------------------------------

    /** The answer's JSON after checking its status and validating it against the OpenAPI document. */
    private static JsonObject ok(String method, String path, String body, String auth, int status) throws Exception {
        return new JsonObject(checked(method, path, body, auth, status, null).body());
    }

    /** Sends the request, checks status (and an error's reason), and validates the answer against its operation. */
    private static HttpResponse<String> checked(String method, String pathAndQuery, String body, String auth, int status, String reason)
            throws Exception {
        HttpResponse<String> r = gw.send(method, pathAndQuery, "application/json", body, "Authorization", auth);
        assertThat(r.statusCode()).as(method + " " + pathAndQuery + ": " + r.body()).isEqualTo(status);
        if (status >= 400) {
            JsonObject error = new JsonObject(r.body()).getJsonObject("error");
            assertThat(error.getInteger("code")).isEqualTo(status);
            if (reason != null) {
                assertThat(error.getString("message")).contains(reason);
            }
        }
        Operation op = contract.findOperation(URI.create(pathAndQuery).getPath(), HttpMethod.valueOf(method));
        assertThat(op).as("documented: " + method + " " + pathAndQuery).isNotNull();
        validator.validate(ValidatableResponse.create(r.statusCode(), Buffer.buffer(r.body()), r.headers().firstValue("Content-Type").orElse(null)),
                op.getOperationId()).await(10, TimeUnit.SECONDS);
        return r;
    }

    private static JsonObject mautic(String auth, String method, String path, String body, int status) throws Exception {
        HttpResponse<String> r = gw.send(method, path, "application/json", body, "Authorization", auth);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Mautic-Version")).isPresent();
        return new JsonObject(r.body());
    }

    private static void mauticError(String auth, String method, String path, String body, int status) throws Exception {
        JsonArray errors = mautic(auth, method, path, body, status).getJsonArray("errors");
        assertThat(errors.getJsonObject(0).getInteger("code")).isEqualTo(status);
        assertThat(errors.getJsonObject(0).getString("message")).isNotBlank();
    }

    /** Every record on company-commands so far: each answered write was acknowledged, so it is below the end offsets. */
    private static List<ConsumerRecord<String, byte[]>> commandRecords() {
        return TopicReader.readAll(gw.config.get(KafkaOptions.BOOTSTRAP_SERVERS), TopicNames.from(gw.config).companyCommands(), Duration.ofSeconds(30));
    }

    private static List<CompanyCommand> commands() {
        return commandRecords().stream().map(r -> CODEC.decode(r.value())).toList();
    }

    private static ConsumerRecord<String, byte[]> commandRecord(String commandId) {
        List<ConsumerRecord<String, byte[]>> found = commandRecords().stream()
                .filter(r -> CODEC.decode(r.value()).getCommandId().equals(commandId)).toList();
        assertThat(found).as("command " + commandId + " on company-commands").hasSize(1);
        return found.get(0);
    }

    private static CompanyCommand command(String commandId) {
        ConsumerRecord<String, byte[]> record = commandRecord(commandId);
        CompanyCommand command = CODEC.decode(record.value());
        assertThat(record.key()).as("keyed by the company").isEqualTo(command.getCompanyId());
        return command;
    }

    private static void company(CqlSession s, String ks, String id, Map<String, String> fields, int score, int own, int fromContacts, int contacts,
                                String mergedInto) {
        cql(s, "INSERT INTO " + ks + "companies (company_id, fields, score, own_points, contact_points, contacts, created, updated, merged_into)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, fields, score, own, fromContacts, contacts, T, T, mergedInto);
    }

    private static void member(CqlSession s, String ks, String company, String contact, Instant since) {
        cql(s, "INSERT INTO " + ks + "company_members (company_id, contact_id, since) VALUES (?, ?, ?)", company, contact, since);
    }

    private static void cql(CqlSession s, String cql, Object... values) {
        s.execute(SimpleStatement.newInstance(cql, values).setTimeout(Duration.ofSeconds(30)));
    }
}
