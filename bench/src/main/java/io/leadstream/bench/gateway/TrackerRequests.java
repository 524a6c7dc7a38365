package io.leadstream.bench.gateway;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * What the load driver sends: Mautic tracker hits with a varying page URL (utm_* in its query, as
 * a campaign link has), a counter, and one of a rotating set of device ids sent as the
 * {@code mautic_device_id} cookie. Not thread-safe: one per driver event loop.
 */
final class TrackerRequests {
    static final CharSequence USER_AGENT = io.vertx.core.http.HttpHeaders.createOptimized(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36");
    private static final String[] SECTIONS = {"products", "blog", "pricing", "docs", "landing"};
    private static final String[] SOURCES = {"newsletter", "google", "linkedin", "partner", "direct"};

    private final String[] cookies;
    private final String streamTag;
    private long counter;

    /** {@code devices} ids of 22 characters in [A-Za-z0-9_-], the same set for every stream seeded alike. */
    TrackerRequests(int devices, long seed, String streamTag) {
        SecureRandom random;
        try {
            random = SecureRandom.getInstance("SHA1PRNG");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        random.setSeed(seed);
        this.cookies = new String[devices];
        byte[] bytes = new byte[16];
        for (int i = 0; i < devices; i++) {
            random.nextBytes(bytes);
            cookies[i] = "mautic_device_id=" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        this.streamTag = streamTag;
    }

    /** Advances to the next hit; then {@link #uri()} and {@link #cookie()} describe it. */
    void next() {
        counter++;
    }

    String uri() {
        long n = counter;
        int page = (int) (n % 997);
        String section = SECTIONS[(int) (n % SECTIONS.length)];
        String source = SOURCES[(int) ((n / 7) % SOURCES.length)];
        return new StringBuilder(320)
                .append("/mtracking.gif?page_url=https%3A%2F%2Fshop.example.com%2F").append(section).append("%2F").append(page)
                .append("%3Futm_source%3D").append(source).append("%26utm_medium%3Demail%26utm_campaign%3Dspring-")
                .append(n % 13).append("%26r%3D").append(streamTag).append('-').append(n)
                .append("&page_title=Product+").append(page).append("+%E2%80%93+Example+Shop")
                .append("&page_referrer=https%3A%2F%2Fwww.google.com%2F")
                .append("&page_language=en-US&timezone=Europe%2FBerlin&resolution=1920x1080&platform=Linux+x86_64")
                .append("&counter=").append(n)
                .toString();
    }

    String cookie() {
        return cookies[(int) (counter % cookies.length)];
    }
}
