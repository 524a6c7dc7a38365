package io.leadstream.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on loopback, so parallel runs and CI never collide on fixed ports. Taken below the
 * kernel's ephemeral range: a port the kernel handed out as free (port 0) is also what it hands to
 * the next outgoing connection, and a Kafka or Cassandra client's connection once took a port
 * between its probe and the server's bind ("Address already in use", a suite lost).
 */
public final class FreePorts {
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    private static final int TRIES = 200;

    private FreePorts() {}

    public static int next() {
        int below = ephemeralStart();
        for (int i = 0; below - LOWEST > 1_000 && i < TRIES; i++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (bindable(port)) {
                return port;
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    /** {@code preferred} when it is non-zero (a configured port), else a free one. */
    public static int orNext(int preferred) {
        return preferred > 0 ? preferred : next();
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range (Linux's default where it cannot be read). */
    private static int ephemeralStart() {
        try {
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]); // readString reads a /proc file short
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
