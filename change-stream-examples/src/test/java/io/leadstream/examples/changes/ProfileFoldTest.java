package io.leadstream.examples.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.schemas.engine.ContactChange;
import io.leadstream.schemas.engine.PointsChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fold a reader of the change stream runs: the latest profile record, the score at the later points sequence, merged and erased contacts gone. */
class ProfileFoldTest {
    private final ProfileFold fold = new ProfileFold();

    @Test
    void theScoreComesFromWhicheverTopicIsAtTheLaterSequenceInWhateverOrderTheyAreRead() {
        fold.apply(points("c1", null, 1, 5));
        fold.apply(points("c1", "b2b", 2, 7));
        fold.apply(change("c1", 1).setFields(Map.of("email", "ann@shop.example")).setTags(List.of("vip")).setPoints(5)
                .setPointsByGroup(Map.of()).build());
        fold.apply(points("c1", null, 3, 9));
        fold.apply(change("c2", 4).setPoints(40).build());
        fold.apply(points("c2", null, 3, 30)); // read after the profile it is older than

        Map<String, RebuiltProfile> profiles = fold.profiles();
        assertThat(profiles.get("c1").points()).isEqualTo(9);
        assertThat(profiles.get("c1").pointsByGroup()).isEqualTo(Map.of("b2b", 7));
        assertThat(profiles.get("c1").fields()).isEqualTo(Map.of("email", "ann@shop.example"));
        assertThat(profiles.get("c1").tags()).containsExactly("vip");
        assertThat(profiles.get("c2").points()).isEqualTo(40);
    }

    @Test
    void aContactMergedAwayOrErasedIsGoneAndItsLatePointsDoNotBringItBack() {
        fold.apply(change("c1", 0).setFields(Map.of("email", "ann@shop.example")).build());
        fold.apply(change("c2", 0).setTags(List.of("ads")).build());
        fold.apply(change("c2", 0).setMergedInto("c1").build());
        fold.apply(points("c2", null, 1, 1));
        fold.apply(change("c3", 0).build());
        fold.apply(change("c3", 0).setDeleted(true).build());
        fold.apply(points("c4", null, 1, 1)); // an anonymous visitor: points only

        assertThat(fold.profiles()).containsOnlyKeys("c1", "c4");
        assertThat(fold.profiles().get("c4").points()).isEqualTo(1);
        assertThat(fold.profiles().get("c4").fields()).isEmpty();
    }

    private static ContactChange.Builder change(String contact, long sequence) {
        return ContactChange.newBuilder().setContactId(contact).setEventTime(Instant.EPOCH).setPointsSequence(sequence);
    }

    private static PointsChange points(String contact, String group, long sequence, int total) {
        return PointsChange.newBuilder().setContactId(contact).setEventTime(Instant.EPOCH).setDelta(1).setTotal(total).setGroup(group)
                .setSequence(sequence).build();
    }
}
