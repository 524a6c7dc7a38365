package io.leadstream.jobs.emails;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.common.email.TestSends;
import io.leadstream.schemas.engine.Channel;
import io.leadstream.schemas.engine.SendCommand;
import java.time.Instant;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The two keyed steps of email stats, chained by hand: per send ({@link SendTracker}), then per scope ({@link EmailStatsTotals}). */
class EmailStatsTest {
    private KeyedOneInputStreamOperatorTestHarness<String, SendSignal, EmailStatsDelta> sends;
    private KeyedOneInputStreamOperatorTestHarness<String, EmailStatsDelta, EmailStatsRow> totals;
    private int passed;

    @BeforeEach
    void setUp() throws Exception {
        sends = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new SendTracker()), s -> s.sendId, Types.STRING);
        totals = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new EmailStatsTotals()), EmailStatsDelta::scope, Types.STRING);
        sends.open();
        totals.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        sends.close();
        totals.close();
    }

    private void signal(String sendId, SendSignal.Kind kind, String emailId, String campaignId) throws Exception {
        signal(sendId, kind, emailId, campaignId, 0);
    }

    private void signal(String sendId, SendSignal.Kind kind, String emailId, String campaignId, long at) throws Exception {
        sends.processElement(new StreamRecord<>(new SendSignal(sendId, kind, emailId, campaignId, campaignId == null ? null : "e1"), at));
        List<EmailStatsDelta> deltas = sends.extractOutputValues();
        for (EmailStatsDelta d : deltas.subList(passed, deltas.size())) {
            totals.processElement(new StreamRecord<>(d, at));
        }
        passed = deltas.size();
    }

    /** The newest row of each scope: "email:ID" or "campaign:ID/EVENT". */
    private Map<String, EmailStatsRow> rows() {
        Map<String, EmailStatsRow> latest = new HashMap<>();
        for (EmailStatsRow r : totals.extractOutputValues()) {
            if (r.day != EmailStatsRow.ALL_DAYS) {
                continue;
            }
            String key = r.campaignId != null ? "campaign:" + r.campaignId + "/" + r.campaignEventId
                    : r.segmentId != null ? "segment:" + r.emailId + "/" + r.segmentId : r.url != null ? "link:" + r.emailId + " " + r.url : "email:" + r.emailId;
            latest.merge(key, r, (a, b) -> b.version > a.version ? b : a);
        }
        return latest;
    }

    @Test
    void uniqueAndTotalOpensAndClicksPerEmailAndCampaignEvent() throws Exception {
        signal("s1", SendSignal.Kind.SENT, "news", "spring");
        signal("s2", SendSignal.Kind.SENT, "news", "spring");
        signal("s3", SendSignal.Kind.SENT, "news", null); // a point trigger's send: no campaign
        signal("s1", SendSignal.Kind.OPEN, "news", null);
        signal("s1", SendSignal.Kind.OPEN, "news", null);
        signal("s1", SendSignal.Kind.CLICK, "news", null);
        signal("s3", SendSignal.Kind.OPEN, "news", null);
        signal("s1", SendSignal.Kind.SENT, "news", "spring"); // a repeated result counts once
        signal("s2", SendSignal.Kind.UNSUBSCRIBE, "news", null);

        Map<String, EmailStatsRow> rows = rows();
        assertThat(rows.get("email:news").counts).hasToString("sent=3 delivered=3 opens=3/2 clicks=1/1 bounced=0 unsubscribed=1 failed=0 suppressed=0 queued=0");
        assertThat(rows.get("campaign:spring/e1").counts).hasToString("sent=2 delivered=2 opens=2/1 clicks=1/1 bounced=0 unsubscribed=1 failed=0 suppressed=0 queued=0");
        assertThat(rows.get("campaign:spring/e1").emailId).isEqualTo("news");
    }

    @Test
    void aHardBounceTakesTheSendOutOfDeliveredAndASoftOneOnlyCounts() throws Exception {
        signal("h", SendSignal.Kind.SENT, "news", "spring");
        signal("s", SendSignal.Kind.SENT, "news", "spring");
        signal("f", SendSignal.Kind.FAILED, "news", "spring");
        signal("h", SendSignal.Kind.HARD_BOUNCE, null, null);
        signal("s", SendSignal.Kind.SOFT_BOUNCE, null, null);
        signal("h", SendSignal.Kind.HARD_BOUNCE, null, null); // the worker's and the endpoint's report of one bounce

        assertThat(rows().get("campaign:spring/e1").counts).hasToString("sent=2 delivered=1 opens=0/0 clicks=0/0 bounced=2 unsubscribed=0 failed=1 suppressed=0 queued=0");
    }

    @Test
    void aSendTheEngineDecidedIsQueuedOnceAndATestSendIsNot() throws Exception {
        SendCommand.Builder command = SendCommand.newBuilder().setCommandId("q1").setChannel(Channel.EMAIL).setContactId("c1")
                .setDueTime(Instant.EPOCH).setCreatedTime(Instant.EPOCH).setEmailId("news");
        signal(SendSignal.of(command.build()).orElseThrow());
        signal(SendSignal.of(command.build()).orElseThrow()); // written again by a replay: still one
        signal(SendSignal.of(command.setCommandId("q2").build()).orElseThrow());
        signal("q1", SendSignal.Kind.SENT, "news", null);
        signal("q2", SendSignal.Kind.SUPPRESSED, "news", null);
        assertThat(SendSignal.of(command.setCommandId("t").setAttributes(Map.of(TestSends.TO, "me@x.example")).build())).isEmpty();
        assertThat(SendSignal.of(command.setCommandId("w").setAttributes(Map.of()).setChannel(Channel.WEBHOOK).build())).isEmpty();

        assertThat(rows().get("email:news").counts).hasToString("sent=1 delivered=1 opens=0/0 clicks=0/0 bounced=0 unsubscribed=0 failed=0 suppressed=1 queued=2");
    }

    private void signal(SendSignal s) throws Exception {
        signal(s.sendId, s.kind, s.emailId, s.campaignId);
    }

    @Test
    void aSendNotMadeOnPurposeIsSuppressedNotSentNorFailed() throws Exception {
        signal("dnc", SendSignal.Kind.SUPPRESSED, "news", "spring"); // do not contact, frequency cap, once per contact, no address
        signal("ok", SendSignal.Kind.SENT, "news", "spring");
        signal("dnc", SendSignal.Kind.SUPPRESSED, "news", "spring"); // a repeated result counts once

        assertThat(rows().get("campaign:spring/e1").counts).hasToString("sent=1 delivered=1 opens=0/0 clicks=0/0 bounced=0 unsubscribed=0 failed=0 suppressed=1 queued=0");
        assertThat(rows().get("email:news").counts.suppressed).isEqualTo(1);
    }

    @Test
    void anOpenBeforeItsSendsResultCountsForTheCampaignEventWhenTheResultComes() throws Exception {
        signal("early", SendSignal.Kind.OPEN, "news", null); // the tracking topic ran ahead of delivery-results
        assertThat(rows()).containsOnlyKeys("email:news");
        signal("early", SendSignal.Kind.SENT, "news", "spring");

        Map<String, EmailStatsRow> rows = rows();
        assertThat(rows.get("email:news").counts).hasToString("sent=1 delivered=1 opens=1/1 clicks=0/0 bounced=0 unsubscribed=0 failed=0 suppressed=0 queued=0");
        assertThat(rows.get("campaign:spring/e1").counts).hasToString("sent=1 delivered=1 opens=1/1 clicks=0/0 bounced=0 unsubscribed=0 failed=0 suppressed=0 queued=0");
        assertThat(rows.get("email:news").version).isEqualTo(2);
    }

    @Test
    void anEmailIsAlsoCountedPerUtcDayOfEachSignalAndACampaignStepIsNot() throws Exception {
        long monday = java.time.Instant.parse("2026-11-30T23:00:00Z").toEpochMilli();
        long tuesday = monday + 3_600_000L; // 00:00 UTC
        signal("a", SendSignal.Kind.SENT, "news", "spring", monday);
        signal("b", SendSignal.Kind.SENT, "news", "spring", monday);
        signal("a", SendSignal.Kind.OPEN, "news", null, monday);
        signal("b", SendSignal.Kind.OPEN, "news", null, tuesday);
        signal("a", SendSignal.Kind.OPEN, "news", null, tuesday); // opened again: an open, not a unique one
        signal("a", SendSignal.Kind.CLICK, "news", null, tuesday);

        Map<String, EmailStatsRow> days = new HashMap<>();
        for (EmailStatsRow r : totals.extractOutputValues()) {
            if (r.day != EmailStatsRow.ALL_DAYS) {
                assertThat(r.campaignId).as("days are per email only").isNull();
                days.merge(java.time.LocalDate.ofEpochDay(r.day).toString(), r, (x, y) -> y.version > x.version ? y : x);
            }
        }
        assertThat(days).containsOnlyKeys("2026-11-30", "2026-12-01");
        assertThat(days.get("2026-11-30").counts).hasToString("sent=2 delivered=2 opens=1/1 clicks=0/0 bounced=0 unsubscribed=0 failed=0 suppressed=0 queued=0");
        assertThat(days.get("2026-12-01").counts).hasToString("sent=0 delivered=0 opens=2/1 clicks=1/1 bounced=0 unsubscribed=0 failed=0 suppressed=0 queued=0");
        assertThat(days.get("2026-12-01").version).as("the day's row is timestamped by the email's version").isEqualTo(rows().get("email:news").version);
        assertThat(rows().get("email:news").counts).hasToString("sent=2 delivered=2 opens=3/2 clicks=1/1 bounced=0 unsubscribed=0 failed=0 suppressed=0 queued=0");
    }

    @Test
    void aSendCountsForTheVariantItsWorkerRenderedWithAllItCountedBefore() throws Exception {
        signal("s1", SendSignal.Kind.QUEUED, "news", null);
        signal("s2", SendSignal.Kind.QUEUED, "news", null);
        SendSignal result = new SendSignal("s1", SendSignal.Kind.SENT, "news-b", null, null);
        result.rendered = true;
        sends.processElement(new StreamRecord<>(result, 0));
        List<EmailStatsDelta> deltas = sends.extractOutputValues();
        for (EmailStatsDelta d : deltas.subList(passed, deltas.size())) {
            totals.processElement(new StreamRecord<>(d, 0));
        }
        passed = deltas.size();
        signal("s1", SendSignal.Kind.OPEN, "news", null); // tracking names the email decided: it stays with the variant
        signal("s2", SendSignal.Kind.SENT, "news", null);

        Map<String, EmailStatsRow> rows = rows();
        assertThat(rows.get("email:news-b").counts).hasToString("sent=1 delivered=1 opens=1/1 clicks=0/0 bounced=0 unsubscribed=0 failed=0 suppressed=0 queued=1");
        assertThat(rows.get("email:news").counts).hasToString("sent=1 delivered=1 opens=0/0 clicks=0/0 bounced=0 unsubscribed=0 failed=0 suppressed=0 queued=1");
    }

    @Test
    void aSegmentSendCountsPerSegmentSuppressionsByReasonAndClicksPerLink() throws Exception {
        SendSignal queued = new SendSignal("s1", SendSignal.Kind.QUEUED, "news", null, null);
        queued.segmentId = "vip";
        process(queued);
        SendSignal queued2 = new SendSignal("s2", SendSignal.Kind.QUEUED, "news", null, null);
        queued2.segmentId = "vip";
        process(queued2);
        signal("s1", SendSignal.Kind.SENT, "news", null);
        SendSignal suppressed = new SendSignal("s2", SendSignal.Kind.SUPPRESSED, "news", null, null);
        suppressed.rendered = true;
        suppressed.reason = "dnc";
        process(suppressed);
        for (String url : new String[] {"https://a.example/x", "https://a.example/x", "https://a.example/y"}) {
            SendSignal click = new SendSignal("s1", SendSignal.Kind.CLICK, "news", null, null);
            click.url = url;
            process(click);
        }
        signal("s1", SendSignal.Kind.HARD_BOUNCE, "news", null);

        Map<String, EmailStatsRow> rows = rows();
        EmailCounts segment = rows.get("segment:news/vip").counts;
        assertThat(segment).hasToString("sent=1 delivered=0 opens=0/0 clicks=3/1 bounced=1 unsubscribed=0 failed=0 suppressed=1 queued=2");
        assertThat(segment.hardBounced).isEqualTo(1);
        assertThat(segment.suppressedBy()).containsExactly(Map.entry("dnc", 1L));
        assertThat(rows.get("link:news https://a.example/x").counts.clicks).isEqualTo(2);
        assertThat(rows.get("link:news https://a.example/x").counts.uniqueClicks).isEqualTo(1);
        assertThat(rows.get("link:news https://a.example/y").counts.uniqueClicks).isEqualTo(1);
        assertThat(rows.get("email:news").counts.suppressedDnc).isEqualTo(1);
        assertThat(totals.extractOutputValues().stream().filter(r -> r.segmentId != null && r.day != EmailStatsRow.ALL_DAYS)).isNotEmpty();
    }

    private void process(SendSignal s) throws Exception {
        sends.processElement(new StreamRecord<>(s, 0));
        List<EmailStatsDelta> deltas = sends.extractOutputValues();
        for (EmailStatsDelta d : deltas.subList(passed, deltas.size())) {
            totals.processElement(new StreamRecord<>(d, 0));
        }
        passed = deltas.size();
    }
}
