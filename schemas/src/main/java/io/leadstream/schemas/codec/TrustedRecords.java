package io.leadstream.schemas.codec;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate classes it was not told to trust. Our generated records live
 * under {@code io.leadstream.schemas}; this adds that package to Avro's global allow-list once
 * per JVM. Deployments may instead pass {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.leadstream.schemas}.
 */
public final class TrustedRecords {
    static final String PACKAGE = "io.leadstream.schemas.";
    private static boolean installed;

    private TrustedRecords() {}

    public static synchronized void install() {
        if (installed) {
            return;
        }
        ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
                type -> type.getName().startsWith(PACKAGE)));
        installed = true;
    }
}
