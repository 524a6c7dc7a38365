package io.leadstream.workers;

/**
 * A command in a worker process's hands, with the progress of the send-commands partition its
 * contact is in while this process owns it: read from Kafka (with its offset), or found by the
 * outbox scan (offset -1: nothing to commit, the scan finds it again).
 */
record WorkItem(OutboxMessage message, PartitionProgress progress, long offset) {
    static WorkItem scanned(OutboxMessage message, PartitionProgress progress) {
        return new WorkItem(message, progress, -1);
    }

    boolean fromKafka() {
        return offset >= 0;
    }

    /** Whether its partition went to another process since it was read: then it is left alone, to the partition's next owner. */
    boolean abandoned() {
        return progress.revoked();
    }

    /** Done with, or left to the scan: its offset may be committed. */
    void finished() {
        if (fromKafka()) {
            progress.finished(offset);
        }
    }
}
