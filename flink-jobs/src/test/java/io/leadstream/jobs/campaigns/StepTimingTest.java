package io.leadstream.jobs.campaigns;

import static io.leadstream.jobs.campaigns.SendWindowTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Each timing mode and unit, then the window on top; exact instants throughout. */
class StepTimingTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static StepTiming timing(String event) {
        return StepTiming.parse(json(event));
    }

    private static String due(String event, String reachedAt, ZoneId zone) {
        return Instant.ofEpochMilli(timing(event).dueAt(Instant.parse(reachedAt).toEpochMilli(), zone)).toString();
    }

    private static String interval(int amount, String unit, String window) {
        return "{'timing': {'mode': 'interval', 'amount': " + amount + ", 'unit': '" + unit + "'}"
                + (window == null ? "" : ", 'window': " + window) + "}";
    }

    private static String timeout(String decision, String reachedAt, ZoneId zone) {
        Long at = StepTiming.timeoutAt(json(decision), Instant.parse(reachedAt).toEpochMilli(), zone);
        return at == null ? null : Instant.ofEpochMilli(at).toString();
    }

    @Test
    void absentTimingIsImmediate() {
        assertThat(timing("{'id': 'a', 'type': 'action'}").immediate()).isTrue();
        assertThat(StepTiming.parse(null).immediate()).isTrue();
        assertThat(timing("{'timing': null}").immediate()).isTrue();
        assertThat(due("{}", "2026-06-10T10:00:00.5Z", PARIS)).isEqualTo("2026-06-10T10:00:00.500Z");
    }

    @Test
    void immediateModeWithAWindowNeedsATimer() {
        String event = "{'timing': {'mode': 'immediate'}, 'window': {'from': '08:00', 'to': '12:00'}}";
        assertThat(timing("{'timing': {'mode': 'immediate'}}").immediate()).isTrue();
        assertThat(timing("{'timing': {'mode': 'immediate'}, 'window': {}}").immediate()).as("always open").isTrue();
        assertThat(timing(event).immediate()).isFalse();
        assertThat(due(event, "2026-06-10T16:00:00Z", PARIS)).isEqualTo("2026-06-11T06:00:00Z");
        assertThat(due(event, "2026-06-10T07:00:00Z", PARIS)).isEqualTo("2026-06-10T07:00:00Z");
        assertThat(timing(interval(1, "minutes", null)).immediate()).isFalse();
    }

    @Test
    void minutesAndHoursAreExactDurations() {
        assertThat(due(interval(90, "minutes", null), "2026-06-10T10:00:00Z", PARIS)).isEqualTo("2026-06-10T11:30:00Z");
        // Paris 01:30 CET + 2 hours crosses the spring-forward gap: 04:30 CEST, two real hours later.
        assertThat(due(interval(2, "hours", null), "2026-03-29T00:30:00Z", PARIS)).isEqualTo("2026-03-29T02:30:00Z");
        assertThat(due(interval(48, "hours", null), "2026-10-24T07:00:00Z", PARIS)).isEqualTo("2026-10-26T07:00:00Z");
    }

    @Test
    void daysKeepTheLocalTimeOfDayAcrossDst() {
        // Paris 2026-10-25 falls back to CET: Saturday 09:00 CEST (07:00Z) + 1 day = Sunday 09:00 CET (08:00Z).
        assertThat(due(interval(1, "days", null), "2026-10-24T07:00:00Z", PARIS)).isEqualTo("2026-10-25T08:00:00Z");
        assertThat(due(interval(1, "days", null), "2026-03-28T08:00:00Z", PARIS)).as("spring forward: 09:00 CET to 09:00 CEST")
                .isEqualTo("2026-03-29T07:00:00Z");
        assertThat(due(interval(3, "days", null), "2026-06-10T10:00:00Z", UTC)).isEqualTo("2026-06-13T10:00:00Z");
    }

    @Test
    void monthsClampToTheEndOfShorterMonths() {
        assertThat(due(interval(1, "months", null), "2026-01-31T08:00:00Z", PARIS)).isEqualTo("2026-02-28T08:00:00Z");
        assertThat(due(interval(1, "months", null), "2026-03-31T07:00:00Z", PARIS)).as("09:00 CEST to 09:00 CEST on Apr 30")
                .isEqualTo("2026-04-30T07:00:00Z");
        assertThat(due(interval(1, "months", null), "2026-01-31T23:30:00Z", PARIS))
                .as("the calendar of the zone: Feb 1 00:30 local + 1 month = Mar 1").isEqualTo("2026-02-28T23:30:00Z");
        assertThat(due(interval(13, "months", null), "2026-01-31T08:00:00Z", PARIS)).isEqualTo("2027-02-28T08:00:00Z");
    }

    @Test
    void dateRunsAtItsInstantOrAtOnceWhenPassed() {
        String date = "{'timing': {'mode': 'date', 'at': '2026-12-01T09:00:00Z'}}";
        assertThat(due(date, "2026-06-10T10:00:00Z", PARIS)).isEqualTo("2026-12-01T09:00:00Z");
        assertThat(due(date, "2026-12-01T09:00:00Z", PARIS)).isEqualTo("2026-12-01T09:00:00Z");
        assertThat(due(date, "2026-12-02T10:00:00Z", PARIS)).isEqualTo("2026-12-02T10:00:00Z");
        assertThat(due("{'timing': {'mode': 'date', 'at': '2026-12-01T10:00:00+01:00'}}", "2026-06-10T10:00:00Z", PARIS))
                .isEqualTo("2026-12-01T09:00:00Z");
        assertThat(due("{'timing': {'mode': 'date', 'at': '2026-12-05T09:00:00Z'}, 'window': {'days': ['MON']}}",
                "2026-06-10T10:00:00Z", PARIS)).as("a Saturday date waits for Monday 00:00 local").isEqualTo("2026-12-06T23:00:00Z");
    }

    @Test
    void windowMovesAnIntervalResultToTheNextMorning() {
        // Wednesday 16:00 Paris + 3 hours = 19:00, after the window: Thursday 08:00.
        assertThat(due(interval(3, "hours", "{'from': '08:00', 'to': '12:00'}"), "2026-06-10T14:00:00Z", PARIS))
                .isEqualTo("2026-06-11T06:00:00Z");
    }

    @Test
    void saturdayPlusOneDayLandsOnSundayOrMondayDependingOnDays() {
        String reached = "2026-06-13T08:00:00Z"; // Saturday 10:00 Paris
        String everyDay = "{'from': '08:00', 'to': '12:00', 'days': ['MON','TUE','WED','THU','FRI','SAT','SUN']}";
        String weekdays = "{'from': '08:00', 'to': '12:00', 'days': ['MON','TUE','WED','THU','FRI']}";
        assertThat(due(interval(1, "days", everyDay), reached, PARIS)).as("Sunday 10:00").isEqualTo("2026-06-14T08:00:00Z");
        assertThat(due(interval(1, "days", weekdays), reached, PARIS)).as("Monday 08:00").isEqualTo("2026-06-15T06:00:00Z");
    }

    @Test
    void decisionTimeouts() {
        assertThat(timeout("{'type': 'decision'}", "2026-06-10T10:00:00Z", PARIS)).isNull();
        assertThat(StepTiming.timeoutAt(null, 0, PARIS)).isNull();
        assertThat(timeout("{'timeout': {'amount': 30, 'unit': 'minutes'}}", "2026-06-10T10:00:00Z", PARIS)).isEqualTo("2026-06-10T10:30:00Z");
        assertThat(timeout("{'timeout': {'amount': 2, 'unit': 'hours'}}", "2026-03-29T00:30:00Z", PARIS)).isEqualTo("2026-03-29T02:30:00Z");
        assertThat(timeout("{'timeout': {'amount': 1, 'unit': 'days'}}", "2026-10-24T07:00:00Z", PARIS)).isEqualTo("2026-10-25T08:00:00Z");
        assertThat(timeout("{'timeout': {'amount': 1, 'unit': 'months'}, 'window': {'from': '08:00', 'to': '09:00'}}",
                "2026-01-31T20:00:00Z", PARIS)).as("no window for timeouts").isEqualTo("2026-02-28T20:00:00Z");
    }

    @Test
    void invalidTimingsAreRejected() {
        for (String bad : new String[] {
                "{'timing': 'immediate'}", "{'timing': {}}", "{'timing': {'mode': 'later'}}",
                "{'timing': {'mode': 'interval', 'unit': 'days'}}", "{'timing': {'mode': 'interval', 'amount': 0, 'unit': 'days'}}",
                "{'timing': {'mode': 'interval', 'amount': 1.5, 'unit': 'days'}}", "{'timing': {'mode': 'interval', 'amount': '2', 'unit': 'days'}}",
                "{'timing': {'mode': 'interval', 'amount': 2, 'unit': 'weeks'}}", "{'timing': {'mode': 'interval', 'amount': 2}}",
                "{'timing': {'mode': 'date'}}", "{'timing': {'mode': 'date', 'at': '2026-12-01T09:00:00'}}",
                "{'window': {'from': '25:00'}}"}) {
            assertThatThrownBy(() -> timing(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> timeout("{'timeout': {'amount': -1, 'unit': 'days'}}", "2026-06-10T10:00:00Z", PARIS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout.amount");
        assertThatThrownBy(() -> timeout("{'timeout': {'amount': 1, 'unit': 'Days'}}", "2026-06-10T10:00:00Z", PARIS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout.unit");
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        StepTiming original = timing(interval(1, "days", "{'from': '08:00', 'to': '12:00', 'days': ['MON','TUE','WED','THU','FRI']}"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(original);
        }
        StepTiming copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (StepTiming) in.readObject();
        }
        long reached = Instant.parse("2026-06-13T08:00:00Z").toEpochMilli();
        assertThat(copy.dueAt(reached, PARIS)).isEqualTo(Instant.parse("2026-06-15T06:00:00Z").toEpochMilli());
        assertThat(copy).hasToString(original.toString());
    }
}
