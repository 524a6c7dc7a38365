package io.leadstream.stack;

import java.nio.charset.StandardCharsets;

/** Files for upload tests: what a file's first bytes make it, for a type check that reads them. */
public final class TestFiles {
    private TestFiles() {}

    /** A PDF of {@code size} bytes: its signature, then filler. */
    public static byte[] pdf(int size) {
        byte[] out = new byte[size];
        byte[] head = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < size; i++) {
            out[i] = i < head.length ? head[i] : (byte) ('a' + i % 26);
        }
        return out;
    }

    /** A Windows program's first bytes (MZ, then the PE header it points to). */
    public static byte[] exe() {
        byte[] out = new byte[512];
        out[0] = 'M';
        out[1] = 'Z';
        out[0x3c] = (byte) 0x80;
        out[0x80] = 'P';
        out[0x81] = 'E';
        return out;
    }
}
