package io.leadstream.gateway;

import java.util.Base64;

/** The 1x1 transparent GIF that tracking pixels return (43 bytes, as Mautic's). */
final class Gif {
    static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    private Gif() {}
}
