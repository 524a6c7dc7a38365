package io.leadstream.gateway;

/** A share of two counts, as the stats APIs give it: to four places, 0 when nothing was counted. */
final class Rates {
    private Rates() {}

    static double of(long part, long whole) {
        return whole == 0 ? 0.0 : Math.round(10000.0 * part / whole) / 10000.0;
    }
}
