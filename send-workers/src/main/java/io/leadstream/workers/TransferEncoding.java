package io.leadstream.workers;

/**
 * Picks a body part's Content-Transfer-Encoding from its text. Quoted-printable carries anything but
 * Jakarta Mail writes it a byte at a time through four streams (the largest share of a send thread's
 * time); a body that needs no encoding goes as it is, in bulk. Letting Jakarta Mail pick would write
 * each body out once more just to look at it.
 */
final class TransferEncoding {
    static final String SEVEN_BIT = "7bit";
    static final String EIGHT_BIT = "8bit";
    static final String QUOTED_PRINTABLE = "quoted-printable";

    /** RFC 5322 2.1.1: at most 998 octets a line, CRLF not counted. */
    private static final int MAX_LINE_OCTETS = 998;

    private TransferEncoding() {}

    /**
     * 7bit for ASCII text, 8bit for other text when the server takes 8BITMIME (RFC 6152), else
     * quoted-printable; quoted-printable too for text with a NUL or a line too long for SMTP.
     */
    static String of(String text, boolean serverTakes8Bit) {
        boolean ascii = true;
        int line = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                line = 0;
                continue;
            }
            if (c == 0) {
                return QUOTED_PRINTABLE;
            }
            if (c < 0x80) {
                line += 1;
            } else {
                ascii = false;
                // UTF-8 octets: a surrogate pair is 4, counted as 2 + 2
                line += c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
            }
            if (line > MAX_LINE_OCTETS) {
                return QUOTED_PRINTABLE;
            }
        }
        return ascii ? SEVEN_BIT : serverTakes8Bit ? EIGHT_BIT : QUOTED_PRINTABLE;
    }
}
