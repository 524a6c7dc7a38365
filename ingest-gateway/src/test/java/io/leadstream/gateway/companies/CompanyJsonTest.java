package io.leadstream.gateway.companies;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.gateway.companies.CompanyStore.Company;
import io.leadstream.gateway.companies.CompanyStore.Member;
import io.leadstream.gateway.companies.CompanyStore.MemberPage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shapes /api/v1/companies answers with. */
class CompanyJsonTest {
    private static final Instant CREATED = Instant.parse("2024-03-01T10:00:00Z");

    private static Company company(String id, String requested) {
        return new Company(id, requested, Map.of("companyname", "Acme", "companydomain", "acme.com"), 42, 12, 30, 3, CREATED, null);
    }

    @Test
    void aCompanyAnswersWithWhatWasAskedForAndItsScoreParts() {
        JsonObject json = CompanyJson.company(company("c-1", "c-old"));
        assertThat(json.fieldNames()).containsExactly("id", "requested", "fields", "score", "ownPoints", "contactPoints", "contacts", "created", "updated");
        assertThat(json.getString("id")).isEqualTo("c-1");
        assertThat(json.getString("requested")).isEqualTo("c-old");
        assertThat(json.getJsonObject("fields").getMap()).containsEntry("companyname", "Acme").containsEntry("companydomain", "acme.com");
        assertThat(json.getInteger("score")).isEqualTo(42);
        assertThat(json.getInteger("ownPoints")).isEqualTo(12);
        assertThat(json.getInteger("contactPoints")).isEqualTo(30);
        assertThat(json.getInteger("contacts")).isEqualTo(3);
        assertThat(json.getString("created")).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(json.containsKey("updated")).isTrue();
        assertThat(json.getValue("updated")).isNull();
    }

    @Test
    void aListPageIsSlicedFromWhatWasReadAndSaysWhetherMoreFollow() {
        List<Company> read = List.of(company("a", "a"), company("b", "b"), company("c", "c"), company("d", "d"), company("e", "e"));
        JsonObject second = CompanyJson.list(read, 2, 2);
        assertThat(second.getJsonArray("companies").stream().map(c -> ((JsonObject) c).getString("id"))).containsExactly("c", "d");
        assertThat(second.getBoolean("hasMore")).isTrue();
        JsonObject third = CompanyJson.list(read, 3, 2);
        assertThat(third.getJsonArray("companies").stream().map(c -> ((JsonObject) c).getString("id"))).containsExactly("e");
        assertThat(third.getBoolean("hasMore")).isFalse();
        assertThat(CompanyJson.list(List.of(), 1, 25).getJsonArray("companies")).isEqualTo(new JsonArray());
    }

    @Test
    void membersComeWithSince() {
        JsonObject json = CompanyJson.members(company("c-1", "c-old"),
                new MemberPage(List.of(new Member("ada", CREATED), new Member("bob", null)), true), 1, 2);
        assertThat(json.getString("company")).isEqualTo("c-1");
        assertThat(json.getString("requested")).isEqualTo("c-old");
        assertThat(json.getJsonArray("contacts")).containsExactly(new JsonObject().put("id", "ada").put("since", "2024-03-01T10:00:00Z"),
                new JsonObject().put("id", "bob").putNull("since"));
        assertThat(json.getBoolean("hasMore")).isTrue();
    }
}
