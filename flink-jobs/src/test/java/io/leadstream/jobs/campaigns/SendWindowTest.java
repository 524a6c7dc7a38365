package io.leadstream.jobs.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Every opening rule of a send window, with exact instants; June 2026 Paris is UTC+2 (2026-06-10 is a Wednesday). */
class SendWindowTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");
    private static final String MORNINGS = "{'from': '08:00', 'to': '12:00'}";

    /** JSON written with single quotes, for readability. */
    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String next(String window, String at, ZoneId zone) {
        long open = SendWindow.parse(json(window)).nextOpen(Instant.parse(at).toEpochMilli(), zone);
        return Instant.ofEpochMilli(open).toString();
    }

    @Test
    void absentOrAlwaysOpenWindowsParseToNull() {
        assertThat(SendWindow.parse(null)).isNull();
        assertThat(SendWindow.parse(MissingNode.getInstance())).isNull();
        assertThat(SendWindow.parse(NullNode.getInstance())).isNull();
        assertThat(SendWindow.parse(json("{}"))).isNull();
        assertThat(SendWindow.parse(json("{'from': '00:00', 'days': ['MON','TUE','WED','THU','FRI','SAT','SUN']}"))).isNull();
    }

    @Test
    void invalidWindowsAreRejected() {
        for (String bad : new String[] {
                "[]", "{'from': '8:00'}", "{'from': '24:00'}", "{'to': '12:60'}", "{'from': 8}",
                "{'from': '12:00', 'to': '12:00'}", "{'from': '13:00', 'to': '12:00'}", "{'to': '00:00'}",
                "{'days': []}", "{'days': 'MON'}", "{'days': ['MONDAY']}", "{'days': ['mon']}", "{'days': ['MON', 'MON']}"}) {
            assertThatThrownBy(() -> SendWindow.parse(json(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("window");
        }
    }

    @Test
    void insideIsUnchanged() {
        assertThat(next(MORNINGS, "2026-06-10T08:15:00.123Z", PARIS)).isEqualTo("2026-06-10T08:15:00.123Z");
        assertThat(next(MORNINGS, "2026-06-10T06:00:00Z", PARIS)).as("from is inclusive").isEqualTo("2026-06-10T06:00:00Z");
        assertThat(next(MORNINGS, "2026-06-10T09:59:59.999Z", PARIS)).isEqualTo("2026-06-10T09:59:59.999Z");
    }

    @Test
    void beforeFromOpensTodayAtFrom() {
        assertThat(next(MORNINGS, "2026-06-10T04:00:00Z", PARIS)).isEqualTo("2026-06-10T06:00:00Z");
        assertThat(next(MORNINGS, "2026-06-09T22:30:00Z", PARIS)).as("00:30 local, the UTC date is still yesterday")
                .isEqualTo("2026-06-10T06:00:00Z");
    }

    @Test
    void afterToOpensNextAllowedDayAtFrom() {
        assertThat(next(MORNINGS, "2026-06-10T11:00:00Z", PARIS)).isEqualTo("2026-06-11T06:00:00Z");
        assertThat(next(MORNINGS, "2026-06-10T10:00:00Z", PARIS)).as("to is exclusive").isEqualTo("2026-06-11T06:00:00Z");
        assertThat(next("{'from': '08:00', 'to': '12:00', 'days': ['MON','TUE','WED','THU','FRI']}", "2026-06-12T13:00:00Z", PARIS))
                .as("Friday afternoon: Monday morning").isEqualTo("2026-06-15T06:00:00Z");
    }

    @Test
    void disallowedWeekdayOpensNextAllowedDayAtFrom() {
        String weekdays = "{'from': '08:00', 'to': '12:00', 'days': ['MON','TUE','WED','THU','FRI']}";
        assertThat(next(weekdays, "2026-06-13T08:00:00Z", PARIS)).as("Saturday 10:00").isEqualTo("2026-06-15T06:00:00Z");
        assertThat(next("{'days': ['THU'], 'from': '09:30'}", "2026-06-10T07:00:00Z", PARIS)).isEqualTo("2026-06-11T07:30:00Z");
    }

    @Test
    void onlyDays() {
        String weekend = "{'days': ['SAT', 'SUN']}";
        assertThat(next(weekend, "2026-06-10T08:00:00Z", PARIS)).as("Saturday 00:00 local").isEqualTo("2026-06-12T22:00:00Z");
        assertThat(next(weekend, "2026-06-14T21:59:59Z", PARIS)).as("Sunday 23:59:59").isEqualTo("2026-06-14T21:59:59Z");
        assertThat(next(weekend, "2026-06-14T22:00:00Z", PARIS)).as("Monday 00:00").isEqualTo("2026-06-19T22:00:00Z");
    }

    @Test
    void onlyHours() {
        assertThat(next("{'from': '09:00'}", "2026-06-14T06:00:00Z", PARIS)).isEqualTo("2026-06-14T07:00:00Z");
        assertThat(next("{'from': '09:00'}", "2026-06-14T21:59:00Z", PARIS)).as("open until midnight").isEqualTo("2026-06-14T21:59:00Z");
        assertThat(next("{'to': '17:00'}", "2026-06-14T16:00:00Z", PARIS)).as("18:00: next midnight").isEqualTo("2026-06-14T22:00:00Z");
        assertThat(next("{'to': '17:00'}", "2026-06-14T14:59:00Z", PARIS)).isEqualTo("2026-06-14T14:59:00Z");
    }

    @Test
    void fromInsideSpringForwardGapOpensWhenTheGapEnds() {
        // Paris 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00Z), so 02:30 never happens that day.
        String window = "{'from': '02:30', 'to': '05:00'}";
        assertThat(next(window, "2026-03-29T00:00:00Z", PARIS)).isEqualTo("2026-03-29T01:00:00Z");
        assertThat(next(window, "2026-03-28T00:00:00Z", PARIS)).as("the day before: 02:30 CET").isEqualTo("2026-03-28T01:30:00Z");
        assertThat(next(window, "2026-03-29T03:00:00Z", PARIS)).as("after to: next day 02:30 CEST").isEqualTo("2026-03-30T00:30:00Z");
        assertThat(next("{'from': '02:15', 'to': '02:45'}", "2026-03-29T00:00:00Z", PARIS))
                .as("a window wholly inside the gap does not exist that day").isEqualTo("2026-03-30T00:15:00Z");
    }

    @Test
    void fromInsideFallBackOverlapTakesTheEarlierInstant() {
        // New York 2026-11-01: 01:00-02:00 happens twice, first EDT (-4) then EST (-5).
        assertThat(next("{'from': '01:30', 'to': '03:00'}", "2026-11-01T04:00:00Z", NEW_YORK)).isEqualTo("2026-11-01T05:30:00Z");
        assertThat(next("{'from': '01:30', 'to': '01:45'}", "2026-11-01T05:50:00Z", NEW_YORK))
                .as("01:50 EDT, after to: the window comes round again at 01:30 EST").isEqualTo("2026-11-01T06:30:00Z");
        assertThat(next("{'from': '01:30', 'to': '01:45'}", "2026-11-01T06:50:00Z", NEW_YORK))
                .as("after both passes: next day").isEqualTo("2026-11-02T06:30:00Z");
    }

    @Test
    void zoneFarFromUtcUsesTheLocalWeekday() {
        // Auckland is UTC+12 in June: Sunday 22:00Z is Monday 10:00 there.
        String mondays = "{'from': '09:00', 'to': '17:00', 'days': ['MON']}";
        assertThat(next(mondays, "2026-06-14T22:00:00Z", AUCKLAND)).isEqualTo("2026-06-14T22:00:00Z");
        assertThat(next(mondays, "2026-06-14T20:00:00Z", AUCKLAND)).as("Monday 08:00 there").isEqualTo("2026-06-14T21:00:00Z");
        assertThat(next(mondays, "2026-06-15T06:00:00Z", AUCKLAND)).as("Monday 18:00 there, Monday in UTC too")
                .isEqualTo("2026-06-21T21:00:00Z");
        assertThat(next("{'days': ['SUN']}", "2026-06-14T12:00:00Z", AUCKLAND)).as("Sunday in UTC, Monday 00:00 there")
                .isEqualTo("2026-06-20T12:00:00Z");
    }
}
