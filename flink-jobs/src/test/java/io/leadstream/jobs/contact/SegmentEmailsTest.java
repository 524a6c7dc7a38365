package io.leadstream.jobs.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.common.config.TopicNames;
import io.leadstream.common.email.AbTests;
import io.leadstream.common.email.SegmentSends;
import io.leadstream.schemas.engine.SendCommand;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmentEmailsTest {
    private static final String EMAIL = """
            {"id": "news", "segments": ["s"], "type": "marketing", "abTest": {"criterion": "open-rate", "samplePercent": 30, "testPeriod": "PT2H"}}""";
    private static final String VARIANT = "{\"id\": \"news-b\", \"variantOf\": \"news\", \"type\": \"marketing\"}";
    private static final String SEND = "{\"email\": \"news\", \"startedAt\": \"2026-12-01T10:00:00Z\", \"sendAt\": \"2026-12-01T12:00:00Z\"}";
    private static final long SEND_AT = java.time.Instant.parse("2026-12-01T12:00:00Z").toEpochMilli();

    private static SegmentEmails emails(String... emails) {
        List<Map.Entry<String, String>> defs = new java.util.ArrayList<>();
        for (int i = 0; i < emails.length; i++) {
            defs.add(Map.entry(TopicNames.definitionKey("emails", "e" + i), emails[i]));
        }
        defs.add(Map.entry(TopicNames.definitionKey(SegmentSends.KIND, "news"), SEND));
        return SegmentEmails.from(defs);
    }

    @Test
    void aTestedEmailsRestWaitsForTheTestsEndFromTheSendsStart() {
        SegmentEmails.SegmentEmail news = emails(EMAIL, VARIANT).byEmail().get("news");
        assertThat(news.samplePercent()).isEqualTo(30);
        assertThat(news.restDue()).isEqualTo(SEND_AT + 7_200_000L);
        int rest = 0;
        for (int i = 0; i < 1000; i++) {
            SendCommand c = SegmentEmails.command(news, "c" + i, java.util.Set.of("s", "t"), SEND_AT, SEND_AT - 1000);
            boolean inRest = c.getAttributes().containsKey(AbTests.REST);
            assertThat(inRest).isEqualTo(!AbTests.inSample("news", "c" + i, 30));
            assertThat(c.getAttributes()).containsEntry(SegmentSends.SEGMENT, "s");
            assertThat(c.getDueTime().toEpochMilli()).isEqualTo(inRest ? news.restDue() : SEND_AT);
            rest += inRest ? 1 : 0;
        }
        assertThat(rest).isBetween(640, 760);
    }

    @Test
    void withoutVariantsThereIsNoTestAndNoRest() {
        SegmentEmails.SegmentEmail news = emails(EMAIL).byEmail().get("news");
        assertThat(news.restDue()).isZero();
        assertThat(SegmentEmails.command(news, "c1", java.util.Set.of(), SEND_AT, SEND_AT).getAttributes()).doesNotContainKey(AbTests.REST);
    }
}
