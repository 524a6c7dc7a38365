package io.leadstream.gateway.companies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What the company writes accept; CompaniesApiIT checks the refusals over HTTP. */
class CompanyRequestsTest {

    private static Buffer body(String json) {
        return Buffer.buffer(json);
    }

    @Test
    void fieldValuesComeAsTextAndNullClears() {
        Map<String, String> values = CompanyRequests.fields(body("{\"fields\": {\"companyname\": \"Acme\", \"companynumber_of_employees\": 250,"
                + " \"companyindustry\": null, \"flag\": true}}"));
        assertThat(values).containsExactly(Map.entry("companyname", "Acme"), Map.entry("companynumber_of_employees", "250"),
                Map.entry("companyindustry", ""), Map.entry("flag", "true"));
    }

    @Test
    void aFieldsBodyOfAnotherShapeIsRefused() {
        for (String bad : new String[] {"", "[]", "{}", "{\"fields\": {}}", "{\"fields\": []}", "{\"fields\": {\"a\": {\"b\": 1}}}",
                "{\"fields\": {\"a\": [1]}}", "{\"fields\": {\"a\": \"x\"}, \"id\": \"x\"}", "not json"}) {
            assertThatThrownBy(() -> CompanyRequests.fields(body(bad))).as(bad).isInstanceOf(CompanyRequests.Invalid.class);
        }
    }

    @Test
    void contactsAreTakenOnceEachAndNeverBothAddedAndRemoved() {
        CompanyRequests.MemberChanges changes = CompanyRequests.members(body("{\"add\": [\"c1\", \"c2\", \"c1\"], \"remove\": [\"domain:x.y\"]}"));
        assertThat(changes.add()).containsExactly("c1", "c2");
        assertThat(changes.remove()).containsExactly("domain:x.y");
        assertThat(CompanyRequests.members(body("{\"remove\": [\"c3\"]}")).add()).isEmpty();

        assertThatThrownBy(() -> CompanyRequests.members(body("{\"add\": [\"c1\"], \"remove\": [\"c1\"]}")))
                .hasMessage("contact c1 is both added and removed");
        assertThatThrownBy(() -> CompanyRequests.members(body("{\"add\": []}"))).hasMessageStartingWith("no contact to add or remove");
        assertThatThrownBy(() -> CompanyRequests.members(body("{\"add\": [\"bad id\"]}"))).hasMessageStartingWith("add: each a contact id");
        assertThatThrownBy(() -> CompanyRequests.members(body("{\"add\": \"c1\"}"))).hasMessage("add: an array of contact ids");
        assertThatThrownBy(() -> CompanyRequests.members(body("{\"tags\": []}"))).hasMessageStartingWith("unknown key 'tags'");
        String many = IntStream.range(0, 101).mapToObj(i -> "\"c" + i + "\"").collect(Collectors.joining(","));
        assertThatThrownBy(() -> CompanyRequests.members(body("{\"add\": [" + many + "]}"))).hasMessage("at most 100 contacts per request");
    }

    @Test
    void aMergeNamesOneCompanyAndPointsAreAWholeNonZeroDelta() {
        assertThat(CompanyRequests.mergeFrom(body("{\"from\": \"domain:acme.com\"}"))).isEqualTo("domain:acme.com");
        assertThatThrownBy(() -> CompanyRequests.mergeFrom(body("{\"from\": 7}"))).hasMessageStartingWith("from: ");
        assertThatThrownBy(() -> CompanyRequests.mergeFrom(body("{}"))).hasMessageStartingWith("from: ");

        assertThat(CompanyRequests.delta(body("{\"delta\": -15}"))).isEqualTo(-15);
        assertThat(CompanyRequests.delta(body("{\"delta\": 1000000}"))).isEqualTo(1_000_000);
        for (String bad : new String[] {"{\"delta\": 0}", "{\"delta\": 1.5}", "{\"delta\": \"5\"}", "{\"delta\": 1000001}", "{}",
                "{\"delta\": 99999999999}"}) {
            assertThatThrownBy(() -> CompanyRequests.delta(body(bad))).as(bad).isInstanceOf(CompanyRequests.Invalid.class);
        }
    }
}
