package io.leadstream.schemas.codec;

/** Bytes that are not a record LeadStream can read; callers route them to the rejected topic. */
public final class InvalidRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidRecordException(String message) {
        super(message);
    }

    public InvalidRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
