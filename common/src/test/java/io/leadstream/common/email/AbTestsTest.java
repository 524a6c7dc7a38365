package io.leadstream.common.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AbTestsTest {
    private static final List<AbTests.Weighted> VARIANTS = List.of(new AbTests.Weighted("a", 1), new AbTests.Weighted("b", 3));

    @Test
    void theSampleIsTheAskedShareOfContactsAndTheSameEveryTime() {
        int in = 0;
        for (int i = 0; i < 20_000; i++) {
            boolean sampled = AbTests.inSample("news", "c" + i, 20);
            assertThat(AbTests.inSample("news", "c" + i, 20)).isEqualTo(sampled);
            in += sampled ? 1 : 0;
        }
        assertThat(in).isBetween(3_700, 4_300);
        assertThat(AbTests.inSample("news", "anyone", 100)).isTrue();
    }

    @Test
    void variantsGoInProportionToTheirWeights() {
        Map<String, Integer> got = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            got.merge(AbTests.pick("news", "c" + i, VARIANTS), 1, Integer::sum);
        }
        assertThat(got.get("a")).isBetween(4_600, 5_400);
        assertThat(got.get("b")).isBetween(14_600, 15_400);
        assertThat(AbTests.pick("news", "c1", List.of(new AbTests.Weighted("a", 0), new AbTests.Weighted("b", 0)))).isEqualTo("a");
    }

    @Test
    void theDrawsForSampleAndVariantAreIndependent() {
        // Were they the same hash, the 25% sample would all fall to variant "a" (its first quarter).
        Map<String, Integer> inSample = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            if (AbTests.inSample("news", "c" + i, 25)) {
                inSample.merge(AbTests.pick("news", "c" + i, VARIANTS), 1, Integer::sum);
            }
        }
        assertThat(inSample.get("b")).isGreaterThan(inSample.get("a") * 2);
    }

    @Test
    void aVariantScoresOnItsCriterion() {
        assertThat(AbTests.score("open-rate", 80, 40, 20)).isEqualTo(0.5);
        assertThat(AbTests.score("click-rate", 80, 40, 20)).isEqualTo(0.25);
        assertThat(AbTests.score("clicks-per-open", 80, 40, 20)).isEqualTo(0.5);
        assertThat(AbTests.score("open-rate", 0, 0, 0)).isZero();
    }
}
