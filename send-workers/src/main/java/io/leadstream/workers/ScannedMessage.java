package io.leadstream.workers;

/** A due message as its shard was scanned: its state then (null: never tried) and its recipient. */
record ScannedMessage(OutboxMessage message, DeliveryState seen, Recipient recipient) {}
