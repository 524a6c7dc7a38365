package io.leadstream.bench.campaigns;

import io.leadstream.bench.BenchSupport;
import io.leadstream.bench.ContactEvents;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.event.EmailOpen;
import io.leadstream.schemas.event.FormSubmission;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.TrackingEvent;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Contact events as the identity stage hands them on (contact id set, keyed by contact), under
 * synthetic past event times: every contact submits the sign-up form (entering the campaign), then
 * {@code openPercent} of them open the welcome email, all within the first day, before any
 * decision times out. Tail events on every partition then move time three days on, and every
 * waiting step falls due at once.
 */
final class CampaignsWorkload {
    static final long T0 = 1_780_000_000_000L;
    /** After the opens and before every timer: the thank-yous (a day after an open) and the timeouts (a day after entering). */
    static final long TIMERS_DUE = T0 + Duration.ofDays(3).toMillis();
    private static final long ENTRY_STEP = 40;
    private static final long OPEN_STEP = 20;

    /** What the contacts do and what the campaign must therefore do. */
    record Counts(int contacts, int openers) {
        long events() {
            return (long) contacts + openers;
        }

        /** ENTERED, welcome EXECUTED, opened TRIGGERED each; opened YES and thanks SCHEDULED for openers. */
        long logBeforeTimers() {
            return 3L * contacts + 2L * openers;
        }

        /** Welcome for all; thanks for openers; reminder and offer for the others. */
        long sends() {
            return contacts + openers + 2L * (contacts - openers);
        }

        /** A thank-you due for each opener, a timeout for each other contact. */
        long timers() {
            return contacts;
        }
    }

    private CampaignsWorkload() {}

    static Counts produce(LeadStreamConfig config, int contacts, int openPercent) {
        AvroCodec<TrackingEvent> codec = AvroCodec.of(TrackingEvent.class);
        String topic = TopicNames.from(config).rawEvents();
        int openers = 0;
        try (KafkaProducer<String, byte[]> producer = BenchSupport.bulkProducer(config.get(KafkaOptions.BOOTSTRAP_SERVERS))) {
            for (int c = 0; c < contacts; c++) {
                send(producer, codec, topic, signup(contact(c), T0 + c * ENTRY_STEP));
            }
            long opensFrom = T0 + contacts * ENTRY_STEP + 1000;
            for (int c = 0; c < contacts; c++) {
                if (c % 100 < openPercent) {
                    send(producer, codec, topic, open(contact(c), opensFrom + openers++ * OPEN_STEP));
                }
            }
            producer.flush();
        }
        if (T0 + contacts * ENTRY_STEP + 1000 + openers * OPEN_STEP >= T0 + Duration.ofDays(1).toMillis()) {
            throw new IllegalArgumentException("too many contacts for one synthetic day: decisions would time out while loading");
        }
        return new Counts(contacts, openers);
    }

    /** One event on every partition at {@link #TIMERS_DUE}: every partition's watermark passes every waiting step. */
    static void tails(LeadStreamConfig config, int partitions) {
        AvroCodec<TrackingEvent> codec = AvroCodec.of(TrackingEvent.class);
        try (KafkaProducer<String, byte[]> producer = BenchSupport.bulkProducer(config.get(KafkaOptions.BOOTSTRAP_SERVERS))) {
            for (int p = 0; p < partitions; p++) {
                TrackingEvent tail = ContactEvents.of("tail-" + p, "tail-" + p, TIMERS_DUE, Map.of(),
                        PageHit.newBuilder().setUrl("https://shop.example.com/tail").build());
                producer.send(new ProducerRecord<>(TopicNames.from(config).rawEvents(), p, tail.getContactId(), codec.encode(tail)));
            }
            producer.flush();
        }
    }

    static String contact(int c) {
        return "contact-" + c;
    }

    static TrackingEvent signup(String contact, long time) {
        return ContactEvents.of("signup-" + contact, contact, time, Map.of("email", contact + "@example.com"),
                FormSubmission.newBuilder().setFormId(CampaignsBenchDefinitions.FORM).setValues(Map.of("email", contact + "@example.com")).build());
    }

    private static TrackingEvent open(String contact, long time) {
        return ContactEvents.of("open-" + contact, contact, time, Map.of(),
                EmailOpen.newBuilder().setSendId("send-" + contact).setEmailId("welcome").setProxied(false).build());
    }

    private static void send(KafkaProducer<String, byte[]> producer, AvroCodec<TrackingEvent> codec, String topic, TrackingEvent e) {
        producer.send(new ProducerRecord<>(topic, e.getContactId(), codec.encode(e)));
    }
}
