package io.leadstream.bench;

import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.event.EventContext;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The shared codec sits on every hop (gateway, engine, workers): how many page-hit envelopes per
 * second one core encodes and decodes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
    private final AvroCodec<TrackingEvent> codec = AvroCodec.of(TrackingEvent.class);
    private TrackingEvent event;
    private byte[] bytes;

    @Setup
    public void setUp() {
        event = TrackingEvent.newBuilder()
                .setEventId("7d0f4c1e-2b8a-4c55-9a8e-3f1b2c4d5e6f")
                .setEventTime(Instant.parse("2026-11-23T10:15:30Z"))
                .setDeviceId("a1b2c3d4e5f6a1b2c3d4e5f6")
                .setSource(Source.TRACKER)
                .setContext(EventContext.newBuilder().setIp("203.0.113.7")
                        .setUserAgent("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36")
                        .setTimezone("Europe/Paris").setPageLanguage("fr-FR").build())
                .setFields(Map.of("email", "ada@example.com"))
                .setPayload(PageHit.newBuilder().setUrl("https://shop.example/pricing?utm_source=newsletter&utm_medium=email")
                        .setTitle("Pricing").setReferrer("https://search.example/").setResolution("1920x1080")
                        .setUtm(Map.of("utm_source", "newsletter", "utm_medium", "email")).build())
                .build();
        bytes = codec.encode(event);
    }

    @Benchmark
    public byte[] encode() {
        return codec.encode(event);
    }

    @Benchmark
    public TrackingEvent decode() {
        return codec.decode(bytes);
    }
}
