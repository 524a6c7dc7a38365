package io.leadstream.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each type's stored form: what a raw value becomes, and the reason a value that does not fit is refused. */
class FieldValuesTest {

    private static FieldValues.Coerced coerce(String type, String raw) {
        FieldType t = FieldType.of(type).orElseThrow();
        return new FieldDefinition("f", "F", t, List.of("free", "pro", "Team plan"), false, true, null).coerce(raw);
    }

    @ParameterizedTest(name = "{0} \"{1}\" is kept as \"{2}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "text | '  Ada ' | Ada",
            "email | a.b@shop.example | a.b@shop.example",
            "number | 30.50 | 30.5",
            "number | -0.0 | 0",
            "number | 1E+3 | 1000",
            "boolean | Yes | 1",
            "boolean | off | 0",
            "date | 2024-02-29 | 2024-02-29",
            "datetime | 2026-12-04T10:30:00+01:00 | 2026-12-04T09:30:00Z",
            "datetime | 2026-12-04 09:30:00 | 2026-12-04T09:30:00Z",
            "select | PRO | pro",
            "multiselect | 'pro|free|pro' | 'free|pro'",
            "country | fr | France",
            "country | DEU | Germany",
            "country | united states | United States",
            "locale | en-us | en_US",
            "locale | FR | fr",
            "timezone | europe/paris | Europe/Paris",
            "url | https://shop.example/a?b=1 | https://shop.example/a?b=1",
            "tel | '+33  1 23 45 67 89' | '+33 1 23 45 67 89'"})
    void keeps(String type, String raw, String stored) {
        FieldValues.Coerced c = coerce(type, raw);
        assertThat(c.reason()).isNull();
        assertThat(c.value()).isEqualTo(stored);
    }

    @ParameterizedTest(name = "{0} \"{1}\" is refused: {2}")
    @CsvSource(delimiter = '|', value = {
            "email | ada@ | not an email address",
            "number | 1e400 | out of range",
            "number | NaN | not a number",
            "number | 0.00000000001 | out of range",
            "boolean | maybe | not a yes/no value",
            "date | 2026-02-30 | not a calendar date",
            "datetime | tomorrow | not a date and time",
            "select | gold | not one of the options [free, pro, Team plan]",
            "multiselect | 'free|gold' | \"gold\" is not one of the options",
            "country | Atlantis | not a country",
            "locale | zz_QQ | not a locale",
            "timezone | Mars/Olympus | not an IANA time zone",
            "url | javascript:alert(1) | not an http(s) URL",
            "tel | call me maybe | not a phone number",
            "text | '   ' | empty"})
    void refuses(String type, String raw, String reason) {
        FieldValues.Coerced c = coerce(type, raw);
        assertThat(c.value()).isNull();
        assertThat(c.reason()).startsWith(reason);
    }

    @ParameterizedTest(name = "{0} allows {1}: {2}")
    @CsvSource({"number, gt, true", "date, between, true", "text, gt, false", "text, regexp, true", "boolean, like, false",
            "boolean, eq, true", "select, in, true", "select, contains, false", "multiselect, in, true", "multiselect, eq, false",
            "country, empty, true"})
    void operatorsPerType(String type, String operator, boolean allowed) {
        assertThat(FieldType.of(type).orElseThrow().allows(operator)).isEqualTo(allowed);
    }
}
