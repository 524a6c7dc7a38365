package io.leadstream.definitions;

/**
 * One thing wrong with a definition: where, as a JSON pointer into the document ({@code ""} for the
 * document itself), and why, in plain words.
 */
public record Problem(String pointer, String reason) {

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "document" : pointer) + ": " + reason;
    }
}
