package io.leadstream.bench.pipeline;

import io.leadstream.common.email.EmailToken;
import io.leadstream.common.email.SignedTokens;
import io.leadstream.common.ids.IdentityIds;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The traffic of a site and its email: page hits from a population of devices, sign-up forms, the
 * newsletter box (a hit that identifies the visitor with {@code newsletter=yes}, which makes them
 * enter a segment), email opens and clicks. Every form and newsletter hit comes from a visitor of
 * its own with an address of its own, so the email it triggers can be told apart at the SMTP server
 * and timed. Deterministic for a seed; not thread-safe.
 */
final class PipelineMix {
    static final String SIGNUP_FORM = "signup";
    static final String FORM_PROBE_DOMAIN = "signup.bench.example";
    static final String SEGMENT_PROBE_DOMAIN = "newsletter.bench.example";
    private static final String[] SECTIONS = {"products", "blog", "pricing", "docs", "landing"};

    /** What an event is; the shares are per mille of all events. */
    enum Kind {
        PAGE_HIT(880), FORM_SIGNUP(40), NEWSLETTER_HIT(10), EMAIL_OPEN(50), EMAIL_CLICK(20);

        final int perMille;

        Kind(int perMille) {
            this.perMille = perMille;
        }
    }

    /** One request: {@code probe} is the address the event's email goes to, or null when none is expected. */
    record Event(long seq, Kind kind, String deviceId, boolean post, String uri, String body, String probe) {
    }

    private final int devices;
    private final SplittableRandom random;
    private final SignedTokens tokens;
    private final String runTag;
    private final boolean pageHitsOnly;
    private long seq;

    PipelineMix(int devices, long seed, String tokenSecret, String runTag) {
        this(devices, seed, tokenSecret, runTag, false);
    }

    private PipelineMix(int devices, long seed, String tokenSecret, String runTag, boolean pageHitsOnly) {
        this.pageHitsOnly = pageHitsOnly;
        this.devices = devices;
        this.random = new SplittableRandom(seed);
        this.tokens = new SignedTokens(tokenSecret);
        this.runTag = runTag;
    }

    /** Page hits alone: what a bare GIF server, the ceiling, is loaded with. */
    static PipelineMix pageHitsOnly(int devices, long seed) {
        return new PipelineMix(devices, seed, "page-hits-only-need-no-secret-0123456789", "bare", true);
    }

    Event next() {
        long n = seq++;
        if (pageHitsOnly) {
            return event(n, Kind.PAGE_HIT);
        }
        int roll = random.nextInt(1000);
        for (Kind kind : Kind.values()) {
            if (roll < kind.perMille) {
                return event(n, kind);
            }
            roll -= kind.perMille;
        }
        throw new AssertionError("shares add up to 1000");
    }

    private Event event(long n, Kind kind) {
        String device = String.format("dev-%07d", random.nextInt(devices));
        int page = random.nextInt(500);
        String pageUrl = "https://shop.example.com/" + SECTIONS[page % SECTIONS.length] + "/" + page;
        return switch (kind) {
            case PAGE_HIT -> new Event(n, kind, device, false, pixel(pageUrl, "Product " + page), null, null);
            case FORM_SIGNUP -> {
                String visitor = "form-" + runTag + "-" + n;
                String address = visitor + "@" + FORM_PROBE_DOMAIN;
                yield new Event(n, kind, visitor, true, "/form/submit?formId=" + SIGNUP_FORM,
                        "mauticform%5Bemail%5D=" + enc(address) + "&mauticform%5Bfirstname%5D=Ada", address);
            }
            case NEWSLETTER_HIT -> {
                String visitor = "news-" + runTag + "-" + n;
                String address = visitor + "@" + SEGMENT_PROBE_DOMAIN;
                yield new Event(n, kind, visitor, false, pixel("https://shop.example.com/newsletter", "Newsletter")
                        + "&email=" + enc(address) + "&newsletter=yes", null, address);
            }
            case EMAIL_OPEN -> new Event(n, kind, device, false,
                    "/email/" + tokens.sign(EmailToken.open(sendId(n), "welcome", IdentityIds.anon(device))) + ".gif", null, null);
            case EMAIL_CLICK -> new Event(n, kind, device, false,
                    "/r/" + tokens.sign(EmailToken.click(sendId(n), "welcome", IdentityIds.anon(device), pageUrl)), null, null);
        };
    }

    private String sendId(long n) {
        return "bench-" + runTag + "-" + n;
    }

    private static String pixel(String url, String title) {
        return "/mtracking.gif?page_url=" + enc(url) + "&page_title=" + enc(title)
                + "&page_referrer=" + enc("https://www.google.com/") + "&page_language=en-US&timezone=Europe%2FBerlin";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
