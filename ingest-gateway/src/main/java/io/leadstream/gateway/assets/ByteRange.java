package io.leadstream.gateway.assets;

/**
 * A single range of a file's bytes as a {@code Range: bytes=...} header asks for it (RFC 9110):
 * {@code start-end}, {@code start-} or the last {@code -n} bytes. Several ranges at once are not
 * served as ranges: the whole file is (which a server may do).
 */
public record ByteRange(long start, long end) {
    /** Asked for bytes the file does not have: 416. */
    public static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    /** The range asked of a file of {@code size} bytes; null for the whole file (no header, several ranges, or one not understood). */
    public static ByteRange of(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring("bytes=".length()).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String first = spec.substring(0, dash).strip();
        String last = spec.substring(dash + 1).strip();
        if (!first.matches("\\d{0,18}") || !last.matches("\\d{0,18}") || (first.isEmpty() && last.isEmpty())) {
            return null;
        }
        if (first.isEmpty()) { // the last n bytes
            long n = Long.parseLong(last);
            return n == 0 || size == 0 ? UNSATISFIABLE : new ByteRange(Math.max(0, size - n), size - 1);
        }
        long start = Long.parseLong(first);
        long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
        if (start >= size || end < start) {
            return UNSATISFIABLE;
        }
        return new ByteRange(start, end);
    }

    public long length() {
        return end - start + 1;
    }
}
