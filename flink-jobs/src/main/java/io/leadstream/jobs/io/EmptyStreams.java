package io.leadstream.jobs.io;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

/** An input a job leaves empty, for a stage that takes more inputs than a job has (benchmarks, dry runs). */
public final class EmptyStreams {
    private EmptyStreams() {}

    /** Chained to {@code anchor}, so it carries the anchor's watermarks and never holds event time back. */
    public static <A, T> DataStream<T> of(DataStream<A> anchor, Class<T> type) {
        return anchor.flatMap((A a, Collector<T> out) -> { }, TypeInformation.of(type))
                .name("no-" + type.getSimpleName()).uid("no-" + type.getSimpleName());
    }
}
