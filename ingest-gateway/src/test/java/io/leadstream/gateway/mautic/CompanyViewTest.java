package io.leadstream.gateway.mautic;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.gateway.companies.CompanyStore.Company;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A company in Mautic's shapes: the company itself, and one of a contact's companies. */
class CompanyViewTest {
    private static final Instant CREATED = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant UPDATED = Instant.parse("2024-03-02T10:00:00Z");
    private final Company acme = new Company("c-1", "c-1", Map.of("companyname", "Acme", "companycity", "Lyon", "legacy", "kept"),
            42, 12, 30, 3, CREATED, UPDATED);

    private static Map<String, ContactView.Field> catalog() {
        Map<String, ContactView.Field> out = new LinkedHashMap<>();
        out.put("companyname", new ContactView.Field(11, "Company name", "text"));
        out.put("companycity", new ContactView.Field(12, "Company city", "text"));
        out.put("companyindustry", new ContactView.Field(13, "Industry", "select"));
        return out;
    }

    @Test
    void aCompanyHasItsIntegerIdScoreDatesAndFieldsCoreAndAll() {
        JsonObject view = CompanyView.of(77, acme, catalog());
        assertThat(view.getLong("id")).isEqualTo(77);
        assertThat(view.getInteger("score")).isEqualTo(42);
        assertThat(view.getString("dateAdded")).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(view.getString("dateModified")).isEqualTo("2024-03-02T10:00:00Z");
        assertThat(view.getString("leadstreamId")).isEqualTo("c-1");
        JsonObject fields = view.getJsonObject("fields");
        assertThat(fields.getJsonObject("core").fieldNames()).containsExactly("companyname", "companycity", "companyindustry");
        assertThat(fields.getJsonObject("core").getJsonObject("companyname")).isEqualTo(new JsonObject().put("id", 11L).put("label", "Company name")
                .put("alias", "companyname").put("type", "text").put("group", "core").put("object", "company").put("value", "Acme"));
        assertThat(fields.getJsonObject("core").getJsonObject("companyindustry").getValue("value")).isNull();
        JsonObject all = fields.getJsonObject("all");
        assertThat(all.getLong("id")).isEqualTo(77);
        assertThat(all.getString("companyname")).isEqualTo("Acme");
        assertThat(all.getString("legacy")).as("a value of a field no longer defined still shows").isEqualTo("kept");
        assertThat(all.containsKey("companyindustry")).isTrue();
    }

    @Test
    void aContactsCompanySaysWhetherItIsPrimaryAsMauticDoes() {
        JsonObject entry = CompanyView.membership(77, acme, UPDATED, true);
        assertThat(entry.getLong("company_id")).isEqualTo(77);
        assertThat(entry.getString("date_associated")).isEqualTo("2024-03-02T10:00:00Z");
        assertThat(entry.getString("is_primary")).isEqualTo("1");
        assertThat(entry.getString("companyname")).isEqualTo("Acme");
        assertThat(CompanyView.membership(77, acme, null, false).getString("is_primary")).isEqualTo("0");
    }
}
