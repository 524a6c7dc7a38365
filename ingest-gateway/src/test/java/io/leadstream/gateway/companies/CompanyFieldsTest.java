package io.leadstream.gateway.companies;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadstream.definitions.FieldDefinition;
import io.leadstream.definitions.Problem;
import io.leadstream.definitions.StandardFields;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Company field values against the standard company fields: the contact fields' rules, the domain's form, the name kept. */
class CompanyFieldsTest {
    private final CompanyFields fields = new CompanyFields(alias -> {
        JsonNode doc = StandardFields.all().get(alias);
        FieldDefinition field = doc == null ? null : FieldDefinition.of(doc);
        return field != null && field.company() ? field : null;
    });

    private static Map<String, String> values(String... aliasThenValue) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < aliasThenValue.length; i += 2) {
            out.put(aliasThenValue[i], aliasThenValue[i + 1]);
        }
        return out;
    }

    @Test
    void valuesAreKeptInTheirTypesStoredFormAndTheDomainBare() {
        CompanyFields.Checked checked = fields.check(values("companyname", "  Acme Inc ", "companydomain", "https://www.Acme.com/x",
                "companycountry", "fr", "companynumber_of_employees", "250.0", "companyemail", "sales@acme.com"), "/fields/");
        assertThat(checked.accepted()).isTrue();
        assertThat(checked.values()).containsExactlyEntriesOf(values("companyname", "Acme Inc", "companydomain", "acme.com",
                "companycountry", "France", "companynumber_of_employees", "250", "companyemail", "sales@acme.com"));
    }

    @Test
    void anEmptyValueClearsAFieldButNotTheName() {
        assertThat(fields.check(values("companycity", "", "companyindustry", "  "), "/fields/").values())
                .containsExactlyEntriesOf(values("companycity", "", "companyindustry", ""));
        CompanyFields.Checked name = fields.check(values("companyname", ""), "/fields/");
        assertThat(name.accepted()).isFalse();
        assertThat(name.problems()).extracting(Problem::pointer).containsExactly("/fields/companyname");
    }

    @Test
    void unknownFieldsContactFieldsAndBadValuesAreEachRefusedWithTheirReason() {
        CompanyFields.Checked checked = fields.check(values("companyname", "Acme", "nosuchfield", "x", "firstname", "Ada",
                "companyemail", "not-an-address", "companydomain", "localhost", "companynumber_of_employees", "many"), "/");
        assertThat(checked.accepted()).isFalse();
        assertThat(checked.values()).isEmpty();
        assertThat(checked.problems()).extracting(Problem::pointer)
                .containsExactly("/nosuchfield", "/firstname", "/companyemail", "/companydomain", "/companynumber_of_employees");
        assertThat(checked.problems().get(0).reason()).isEqualTo("no company field \"nosuchfield\" is defined");
        assertThat(checked.problems().get(1).reason()).isEqualTo("no company field \"firstname\" is defined");
        assertThat(checked.problems().get(2).reason()).startsWith("companyemail (email): ");
        assertThat(checked.problems().get(3).reason()).startsWith("companydomain: not a domain");
        assertThat(checked.problems().get(4).reason()).isEqualTo("companynumber_of_employees (number): not a number");
        assertThat(checked.reasons()).contains("nosuchfield").contains("; ");
    }
}
