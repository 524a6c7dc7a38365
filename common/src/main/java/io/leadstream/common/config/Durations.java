package io.leadstream.common.config;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;

/** Parses human durations ({@code 10s}, {@code 2 days}) with the HOCON rules users know. */
final class Durations {
    private Durations() {}

    static Duration parse(String text) {
        return ConfigFactory.parseString("d = \"" + text.replace("\"", "") + "\"").getDuration("d");
    }
}
