package io.leadstream.jobs.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.leadstream.common.config.TopicNames;
import io.leadstream.jobs.definitions.DefinitionJson;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Every filter kind and field operator of segments.schema.json, and the and/or grouping. */
class SegmentRulesTest {
    private static final long DAY = 86_400_000L;
    /** Wednesday 2026-11-25 12:00 UTC. */
    private static final long NOW = Instant.parse("2026-11-25T12:00:00Z").toEpochMilli();
    private final FakeFacts facts = new FakeFacts();

    private boolean matches(String filtersJson) {
        SegmentDef segment = DefinitionJson.read("{\"id\": \"s\", \"name\": \"S\", \"filters\": " + filtersJson + "}", SegmentDef.class);
        return SegmentRules.matches(segment, facts, NOW);
    }

    private boolean field(String operator, String valueJson) {
        return matches("[{\"kind\": \"field\", \"field\": \"f\", \"operator\": \"" + operator + "\""
                + (valueJson == null ? "" : ", \"value\": " + valueJson) + "}]");
    }

    @Test
    void aMultiselectIsInAListWhenAnyOfItsOptionsIs() {
        facts.fields.put("f", "news|offers");
        assertThat(field("in", "[\"offers\", \"events\"]")).isTrue();
        assertThat(field("not_in", "[\"offers\"]")).isFalse();
        assertThat(field("in", "[\"events\"]")).isFalse();
        assertThat(field("not_in", "[\"events\", \"news|x\"]")).isTrue();
        assertThat(field("in", "[\"news|offers\"]")).as("the whole value still counts").isTrue();
    }

    @Test
    void fieldTextOperators() {
        facts.fields.put("f", "Alice@Example.com");
        assertThat(field("eq", "\"alice@example.com\"")).isTrue();
        assertThat(field("neq", "\"bob@example.com\"")).isTrue();
        assertThat(field("like", "\"%@example.%\"")).isTrue();
        assertThat(field("not_like", "\"%@example.org\"")).isTrue();
        assertThat(field("starts_with", "\"alice\"")).isTrue();
        assertThat(field("ends_with", "\".COM\"")).isTrue();
        assertThat(field("contains", "\"@exa\"")).isTrue();
        assertThat(field("contains", "\"bob\"")).isFalse();
        assertThat(field("regexp", "\"^[a-z]+@\"")).isTrue();
        assertThat(field("not_regexp", "\"^bob\"")).isTrue();
        assertThat(field("regexp", "\"([\"")).as("an invalid pattern matches nothing").isFalse();
        assertThat(field("not_regexp", "\"([\"")).as("nor does its negation: it would select everyone").isFalse();
        assertThat(field("in", "[\"x\", \"alice@example.com\"]")).isTrue();
        assertThat(field("not_in", "[\"x\", \"y\"]")).isTrue();
        assertThat(field("empty", null)).isFalse();
        assertThat(field("not_empty", null)).isTrue();
    }

    @Test
    void aHostilePatternIsMatchedInLinearTime() {
        // (a+)+$ backtracks exponentially in a backtracking engine on a run of a's that fails at the end.
        facts.fields.put("f", "a".repeat(50_000) + "!");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(field("regexp", "\"(a+)+$\"")).isFalse());
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(field("like", "\"%a%a%a%a%a%a%a%b\"")).isFalse());
    }

    @Test
    void fieldNumbersCompareAsNumbers() {
        facts.fields.put("f", "9");
        assertThat(field("lt", "10")).as("9 < 10 numerically, though \"9\" > \"10\" as text").isTrue();
        assertThat(field("gte", "\"9.0\"")).isTrue();
        assertThat(field("eq", "9")).isTrue();
        assertThat(field("between", "[5, 10]")).isTrue();
        assertThat(field("between", "[10, 20]")).isFalse();
    }

    @Test
    void emptyFieldsMatchOnlyEmptyAndNegations() {
        assertThat(field("empty", null)).isTrue();
        assertThat(field("eq", "\"x\"")).isFalse();
        assertThat(field("neq", "\"x\"")).isTrue();
        assertThat(field("not_in", "[\"x\"]")).isTrue();
        assertThat(field("gt", "1")).isFalse();
    }

    @Test
    void fieldDatesCompareWithRelativeDatesInTheContactsZone() {
        facts.fields.put("f", "2026-11-10");
        assertThat(field("gte", "\"-30 days\"")).isTrue();
        assertThat(field("gte", "\"-7 days\"")).isFalse();
        assertThat(field("lt", "\"this week\"")).isTrue();
        assertThat(field("gte", "\"this month\"")).isTrue();
        facts.fields.put("f", "2026-11-25");
        assertThat(field("eq", "\"today\"")).isTrue();
        assertThat(field("gte", "\"this week\"")).as("Monday 2026-11-23 or later").isTrue();
        facts.zone = ZoneId.of("Pacific/Kiritimati"); // UTC+14: already Thursday the 26th there
        assertThat(field("eq", "\"today\"")).isFalse();
        assertThat(field("eq", "\"yesterday\"")).isTrue();
    }

    @Test
    void behaviourCountsWithinAWindow() {
        facts.behavior.put("page_hit", new long[] {NOW - 10 * DAY, NOW - 3 * DAY, NOW - DAY});
        assertThat(matches("[{\"kind\": \"behavior\", \"behavior\": \"page_hit\", \"url\": \"*\", \"within\": \"P7D\", \"count\": 2}]")).isTrue();
        assertThat(matches("[{\"kind\": \"behavior\", \"behavior\": \"page_hit\", \"url\": \"*\", \"within\": \"P2D\", \"count\": 2}]")).isFalse();
        assertThat(matches("[{\"kind\": \"behavior\", \"behavior\": \"page_hit\", \"url\": \"*\", \"count\": 3}]")).as("no window: all time").isTrue();
        assertThat(matches("[{\"kind\": \"behavior\", \"behavior\": \"page_hit\", \"url\": \"*\", \"operator\": \"eq\", \"count\": 1, \"within\": \"P1D\"}]"))
                .as("exactly one in the last day").isTrue();
        assertThat(matches("[{\"kind\": \"behavior\", \"behavior\": \"page_hit\", \"url\": \"*\", \"operator\": \"lt\", \"count\": 1, \"within\": \"PT12H\"}]"))
                .as("none in the last 12 hours").isTrue();
    }

    @Test
    void lastActivePointsTagsDncAndOtherSegments() {
        facts.lastActive = NOW - 2 * DAY;
        assertThat(matches("[{\"kind\": \"last_active\", \"operator\": \"gte\", \"date\": \"-7 days\"}]")).isTrue();
        assertThat(matches("[{\"kind\": \"last_active\", \"operator\": \"gte\", \"date\": \"-1 day\"}]")).isFalse();
        facts.scores.put("", 120);
        facts.scores.put("product-a", 30);
        assertThat(matches("[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 100}]")).isTrue();
        assertThat(matches("[{\"kind\": \"points\", \"group\": \"product-a\", \"operator\": \"gte\", \"value\": 50}]")).isFalse();
        facts.tags.add("vip");
        assertThat(matches("[{\"kind\": \"tags\", \"operator\": \"any\", \"tags\": [\"vip\", \"x\"]}]")).isTrue();
        assertThat(matches("[{\"kind\": \"tags\", \"operator\": \"all\", \"tags\": [\"vip\", \"x\"]}]")).isFalse();
        assertThat(matches("[{\"kind\": \"tags\", \"operator\": \"none\", \"tags\": [\"customer\"]}]")).isTrue();
        assertThat(matches("[{\"kind\": \"dnc\", \"operator\": \"is_not\"}]")).isTrue();
        facts.dnc = true;
        assertThat(matches("[{\"kind\": \"dnc\", \"operator\": \"is\"}]")).isTrue();
        facts.segments.add("newsletter");
        assertThat(matches("[{\"kind\": \"segment\", \"segment\": \"newsletter\", \"operator\": \"member\"}]")).isTrue();
        assertThat(matches("[{\"kind\": \"segment\", \"segment\": \"newsletter\", \"operator\": \"not_member\"}]")).isFalse();
    }

    @Test
    void andBindsTighterThanOr() {
        facts.fields.put("country", "FR");
        facts.scores.put("", 10);
        String frAndHot = "{\"kind\": \"field\", \"field\": \"country\", \"operator\": \"eq\", \"value\": \"FR\"},"
                + "{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 50}";
        assertThat(matches("[" + frAndHot + "]")).isFalse();
        assertThat(matches("[" + frAndHot + ", {\"glue\": \"or\", \"kind\": \"points\", \"operator\": \"gte\", \"value\": 5}]")).isTrue();
        assertThat(matches("[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 5}, {\"glue\": \"or\", "
                + "\"kind\": \"field\", \"field\": \"country\", \"operator\": \"eq\", \"value\": \"DE\"}]")).isTrue();
        assertThat(matches("[]")).as("no filters: only manual members").isFalse();
    }

    @Test
    void aGroupIsAParenthesisWithItsOwnAndAndOr() {
        facts.fields.put("country", "FR");
        facts.scores.put("", 10);
        // country = FR and (points >= 50 or tagged vip): without the group this would read (FR and hot) or vip.
        String frAndHotOrVip = "[{\"kind\": \"field\", \"field\": \"country\", \"operator\": \"eq\", \"value\": \"%s\"},"
                + "{\"kind\": \"group\", \"filters\": [{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 50},"
                + "{\"glue\": \"or\", \"kind\": \"tags\", \"operator\": \"any\", \"tags\": [\"vip\"]}]}]";
        assertThat(matches(frAndHotOrVip.formatted("FR"))).as("FR, neither hot nor vip").isFalse();
        facts.tags.add("vip");
        assertThat(matches(frAndHotOrVip.formatted("FR"))).as("FR and vip").isTrue();
        assertThat(matches(frAndHotOrVip.formatted("DE"))).as("vip but not DE: the group does not escape the and").isFalse();
        // A group joins by its own glue, and groups nest.
        assertThat(matches("[{\"kind\": \"field\", \"field\": \"country\", \"operator\": \"eq\", \"value\": \"DE\"},"
                + "{\"glue\": \"or\", \"kind\": \"group\", \"filters\": [{\"kind\": \"group\", \"filters\": ["
                + "{\"kind\": \"tags\", \"operator\": \"any\", \"tags\": [\"vip\"]}]}]}]")).isTrue();
        assertThat(matches("[{\"kind\": \"group\", \"filters\": []}]")).as("an empty group matches nobody").isFalse();
    }

    @Test
    void whatAFilterInsideAGroupReadsAndWhenItsAnswerMovesWithTheClockCount() {
        SegmentDefinitions defs = SegmentDefinitions.from(java.util.Map.of(
                TopicNames.definitionKey("segments", "vip"), "{\"id\": \"vip\", \"name\": \"V\", \"filters\": [{\"kind\": \"tags\", \"operator\": \"any\", \"tags\": [\"vip\"]}]}",
                TopicNames.definitionKey("segments", "s"), "{\"id\": \"s\", \"name\": \"S\", \"filters\": [{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 1},"
                        + "{\"kind\": \"group\", \"filters\": [{\"kind\": \"segment\", \"operator\": \"member\", \"segment\": \"vip\"},"
                        + "{\"glue\": \"or\", \"kind\": \"last_active\", \"operator\": \"gte\", \"date\": \"-7 days\"}]}]}").entrySet());
        int s = defs.position("s");
        assertThat(defs.position("vip")).as("a segment read inside a group is evaluated first").isLessThan(s);
        assertThat(defs.affectedBy("vip").get(s)).isTrue();
        assertThat(defs.clockDependent().get(s)).isTrue();
        facts.lastActive = NOW - DAY;
        assertThat(SegmentTimers.next(defs.at(s), facts, NOW)).as("leaves the 7-day window six days on").isEqualTo(NOW + 6 * DAY + 1);
    }
}
