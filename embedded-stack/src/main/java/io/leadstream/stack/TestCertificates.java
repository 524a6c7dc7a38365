package io.leadstream.stack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Throwaway TLS certificates for tests serving HTTPS (a customer's site, the gateway), made with the JDK's keytool. */
public final class TestCertificates {
    public static final String PASSWORD = "leadstream-test-keystore";

    private TestCertificates() {}

    /** A PKCS#12 keystore at {@code file} with a self-signed certificate for localhost and 127.0.0.1, valid two days. */
    public static Path keystore(Path file) throws Exception {
        Files.deleteIfExists(file);
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "leadstream", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        file.toFile().deleteOnExit();
        return file;
    }
}
