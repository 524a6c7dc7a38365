package io.leadstream.gateway.assets;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.tika.Tika;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

/**
 * What an uploaded file is, by its bytes (Apache Tika's signatures, the name deciding between kinds
 * of one container: a .docx is a zip), for asset uploads and form file fields alike.
 */
public final class FileTypes {
    private static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();
    private static final Tika TIKA = new Tika();

    private FileTypes() {}

    /** The type of the file's bytes (blocking: read on a worker). */
    public static MediaType detect(Path file, String name) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return MediaType.parse(TIKA.detect(in, name));
        }
    }

    /** The type a file name's extension names. */
    public static MediaType ofExtension(String extension) {
        return TYPES.getMimeType("x." + extension).getType();
    }

    /** The same type, or one a kind of the other (a CSV is text; a .docx is a zip). */
    public static boolean sameKind(MediaType found, MediaType expected) {
        MediaType a = found.getBaseType();
        MediaType b = expected.getBaseType();
        return a.equals(b) || TYPES.getMediaTypeRegistry().isSpecializationOf(a, b) || TYPES.getMediaTypeRegistry().isSpecializationOf(b, a);
    }
}
