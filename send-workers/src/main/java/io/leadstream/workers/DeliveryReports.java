package io.leadstream.workers;

import io.leadstream.schemas.engine.DeliveryStatus;
import java.time.Instant;

/** Where a worker tells what became of each message it finished. */
public interface DeliveryReports extends AutoCloseable {

    /**
     * One message's outcome. {@code address} is where it went (null for webhooks); a
     * {@link DeliveryStatus#BOUNCED_HARD} is also the contact's bounce, which makes it do-not-contact.
     */
    void finished(OutboxMessage message, DeliveryStatus status, int attempts, String detail, Instant at, String address);

    @Override
    void close();
}
