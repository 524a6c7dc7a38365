package io.leadstream.jobs.emails;

import io.leadstream.schemas.engine.DeliveryResult;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.TrackingEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

/**
 * Email stats: the engine's sends, the workers' delivery results and the contacts' opens, clicks, unsubscribes and
 * bounces, counted per send ({@link SendTracker}) and summed per email and per campaign event
 * ({@link EmailStatsTotals}).
 */
public final class EmailStatsStage {
    private EmailStatsStage() {}

    public static DataStream<EmailStatsRow> apply(DataStream<TrackingEvent> contactEvents, DataStream<DeliveryResult> deliveryResults,
                                                  DataStream<SendCommand> sends) {
        TypeInformation<SendSignal> signalType = TypeInformation.of(SendSignal.class);
        DataStream<SendSignal> tracked = contactEvents
                .flatMap((TrackingEvent e, Collector<SendSignal> out) -> SendSignal.of(e).ifPresent(out::collect), signalType)
                .name("email-tracking-signals").uid("email-tracking-signals");
        DataStream<SendSignal> delivered = deliveryResults
                .flatMap((DeliveryResult r, Collector<SendSignal> out) -> SendSignal.of(r).ifPresent(out::collect), signalType)
                .name("delivery-signals").uid("delivery-signals");
        DataStream<SendSignal> queued = sends
                .flatMap((SendCommand c, Collector<SendSignal> out) -> SendSignal.of(c).ifPresent(out::collect), signalType)
                .name("queued-signals").uid("queued-signals");
        return tracked.union(delivered, queued)
                .keyBy(s -> s.sendId)
                .process(new SendTracker(), TypeInformation.of(EmailStatsDelta.class))
                .name("email-sends").uid("email-sends")
                .keyBy(EmailStatsDelta::scope)
                .process(new EmailStatsTotals(), TypeInformation.of(EmailStatsRow.class))
                .name("email-stats").uid("email-stats");
    }
}
