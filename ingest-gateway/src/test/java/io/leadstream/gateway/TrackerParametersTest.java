package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

class TrackerParametersTest {

    @Test
    void utmComesFromThePageUrlAndTheRequestWins() {
        MultiMap m = MultiMap.caseInsensitiveMultiMap()
                .add("page_url", "https://a.example/?utm_source=url&utm_medium=mail&x=1")
                .add("utm_source", "param");
        assertThat(new TrackerParameters(m).utm()).containsEntry("utm_source", "param").containsEntry("utm_medium", "mail")
                .doesNotContainKey("x");
        assertThat(TrackerParameters.utmFromUrl("not a url %zz")).isEmpty();
    }

    @Test
    void otherLowerCaseParametersAreContactFields() {
        MultiMap m = MultiMap.caseInsensitiveMultiMap().add("page_url", "https://a.example/").add("email", " ada@example.com ")
                .add("counter", "2").add("utm_term", "t").add("mautic_device_id", "abcdefgh").add("Weird-Name", "x").add("empty", "")
                .add("timezone_offset", "-60").add("resolution", "1920x1080").add("platform", "Linux").add("page_anything", "x")
                .add("device_id", "abcdefgh");
        assertThat(new TrackerParameters(m).contactFields()).containsOnly(java.util.Map.entry("email", "ada@example.com"));
        assertThat(new TrackerParameters(m).getInt("counter")).isEqualTo(2);
    }
}
