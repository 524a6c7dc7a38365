package io.leadstream.common.config;

/** A configuration a process must not start with; the message names the key and says what is wrong. */
public final class InvalidConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String message) {
        super(message);
    }
}
