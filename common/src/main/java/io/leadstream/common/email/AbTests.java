package io.leadstream.common.email;

import io.leadstream.common.ids.DeterministicIds;
import java.util.HexFormat;
import java.util.List;

/**
 * An email's A/B test: the email (variant A) and the emails that name it in {@code variantOf} share its
 * sends by their weights. With an {@code abTest} on the email, a segment send goes first to a sample
 * ({@code samplePercent} of the contacts, split by weight) and, when {@code testPeriod} has passed since
 * the send's start, to the rest with the winner on {@code criterion}. Who is in the sample and which
 * variant a contact gets are drawn from hashes of email and contact, so the engine, the send workers and
 * a replay all draw the same.
 */
public final class AbTests {
    /** The send command attribute of a send to the rest of an A/B test: its value is the tested email, and the winner goes. */
    public static final String REST = "ab-rest";
    /** The send command attribute naming the email a send was decided for, when the one it carries was chosen from its family. */
    public static final String FAMILY = "email-family";

    /** A variant and its weight (a positive whole number). */
    public record Weighted(String emailId, int weight) {}

    private AbTests() {}

    /** Where the contact falls for this email's test, uniformly in [0, 100). */
    public static double percentile(String emailId, String contactId) {
        return draw("ab-sample", emailId, contactId) % 1_000_000L / 10_000.0;
    }

    /** Whether the contact is in the test's sample of {@code samplePercent} (1 to 100). */
    public static boolean inSample(String emailId, String contactId, int samplePercent) {
        return percentile(emailId, contactId) < samplePercent;
    }

    /** The variant the contact gets, with chances in proportion to the weights; the first one when they add up to nothing. */
    public static String pick(String emailId, String contactId, List<Weighted> variants) {
        long total = variants.stream().mapToLong(v -> Math.max(0, v.weight())).sum();
        if (total == 0) {
            return variants.get(0).emailId();
        }
        long at = draw("ab-variant", emailId, contactId) % total;
        for (Weighted v : variants) {
            at -= Math.max(0, v.weight());
            if (at < 0) {
                return v.emailId();
            }
        }
        return variants.get(variants.size() - 1).emailId();
    }

    /**
     * A variant's figure on a criterion ({@code open-rate}, {@code click-rate}, {@code clicks-per-open}): unique opens or clicks per
     * delivered email, or unique clicks per unique open; 0 before there is any.
     */
    public static double score(String criterion, long delivered, long uniqueOpens, long uniqueClicks) {
        return switch (criterion) {
            case "click-rate" -> ratio(uniqueClicks, delivered);
            case "clicks-per-open" -> ratio(uniqueClicks, uniqueOpens);
            default -> ratio(uniqueOpens, delivered);
        };
    }

    private static double ratio(long part, long whole) {
        return whole <= 0 ? 0.0 : (double) part / whole;
    }

    private static long draw(String what, String emailId, String contactId) {
        return HexFormat.fromHexDigitsToLong(DeterministicIds.of(what, emailId, contactId), 0, 15); // 60 bits: never negative
    }
}
