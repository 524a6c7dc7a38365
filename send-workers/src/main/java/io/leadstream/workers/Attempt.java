package io.leadstream.workers;

import io.leadstream.schemas.engine.DeliveryStatus;

/** What one try at delivering a claimed message came to; {@code emailId}: the email it rendered, when not the one the message names. */
record Attempt(Kind kind, String state, DeliveryStatus status, String detail, String address, String emailId) {
    enum Kind {
        /** Done with, one way or another: record {@code state} and report {@code status}. */
        FINISHED,
        /** Not delivered this time, worth another try after the backoff. */
        RETRY,
        /** Not delivered because Cassandra failed, not the recipient's server: another try after the store's shorter backoff. */
        RETRY_SOON,
        /** The claim turned out to be another worker's: leave the message to it. */
        NOT_OURS,
        /**
         * Not tried: something it needs is not stored yet, or its transport is at its send rate. No attempt is counted; it is
         * looked at again shortly (the next scan hands it again).
         */
        NOT_YET
    }

    static Attempt finished(String state, DeliveryStatus status, String detail, String address) {
        return new Attempt(Kind.FINISHED, state, status, detail, address, null);
    }

    static Attempt retry(String detail) {
        return new Attempt(Kind.RETRY, null, DeliveryStatus.DEFERRED, detail, null, null);
    }

    static Attempt retrySoon(String detail) {
        return new Attempt(Kind.RETRY_SOON, null, DeliveryStatus.DEFERRED, detail, null, null);
    }

    /** This outcome, of a send that rendered {@code rendered} (a variant or translation of the email it names). */
    Attempt rendering(String rendered) {
        return new Attempt(kind, state, status, detail, address, rendered);
    }

    /** Whether it is to be tried again: the message was not delivered. */
    boolean retries() {
        return kind == Kind.RETRY || kind == Kind.RETRY_SOON;
    }

    static Attempt notYet(String detail) {
        return new Attempt(Kind.NOT_YET, null, null, detail, null, null);
    }

    static Attempt notOurs() {
        return new Attempt(Kind.NOT_OURS, null, null, null, null, null);
    }
}
