package io.leadstream.jobs.emails;

import java.util.Objects;

/**
 * The counts of email stats, for one send (0 or 1 each, except the totals of opens and clicks) or
 * summed over an email or a campaign event. A Flink POJO: public fields, a no-arg constructor.
 */
public class EmailCounts {
    public long sent;
    public long delivered;
    public long opens;
    public long uniqueOpens;
    public long clicks;
    public long uniqueClicks;
    public long bounced;
    public long unsubscribed;
    public long failed;
    public long suppressed;
    /** Sends the engine decided (a segment email's pending ones are those not yet sent, failed or suppressed). */
    public long queued;
    /** Of {@link #bounced}, the hard ones (the rest are soft). */
    public long hardBounced;
    /** Of {@link #suppressed}, by reason: do not contact, a frequency rule, already sent, no valid address, anything else. */
    public long suppressedDnc;
    public long suppressedFrequency;
    public long suppressedOnce;
    public long suppressedAddress;
    public long suppressedOther;

    public EmailCounts() {}

    /** What one send contributes, from what is known of it. */
    static EmailCounts of(SendFacts f) {
        EmailCounts c = new EmailCounts();
        c.sent = f.sent ? 1 : 0;
        c.delivered = f.sent && !f.hardBounced ? 1 : 0;
        c.opens = f.opens;
        c.uniqueOpens = f.opens > 0 ? 1 : 0;
        c.clicks = f.clicks;
        c.uniqueClicks = f.clicks > 0 ? 1 : 0;
        c.bounced = f.bounced ? 1 : 0;
        c.unsubscribed = f.unsubscribed ? 1 : 0;
        c.failed = f.failed ? 1 : 0;
        c.suppressed = f.suppressed ? 1 : 0;
        c.queued = f.queued ? 1 : 0;
        c.hardBounced = f.hardBounced ? 1 : 0;
        if (f.suppressed) {
            switch (f.suppressedReason == null ? "other" : f.suppressedReason) {
                case "dnc" -> c.suppressedDnc = 1;
                case "frequency" -> c.suppressedFrequency = 1;
                case "once" -> c.suppressedOnce = 1;
                case "address" -> c.suppressedAddress = 1;
                default -> c.suppressedOther = 1;
            }
        }
        return c;
    }

    /** {@link #suppressed} by reason, the reasons with none left out. */
    java.util.Map<String, Long> suppressedBy() {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        java.util.List.of(java.util.Map.entry("dnc", suppressedDnc), java.util.Map.entry("frequency", suppressedFrequency),
                java.util.Map.entry("once", suppressedOnce), java.util.Map.entry("address", suppressedAddress),
                java.util.Map.entry("other", suppressedOther)).forEach(e -> {
                    if (e.getValue() != 0) {
                        out.put(e.getKey(), e.getValue());
                    }
                });
        return out;
    }

    /** {@code this + sign * other}, as a new value. */
    EmailCounts plus(EmailCounts other, int sign) {
        EmailCounts c = new EmailCounts();
        c.sent = sent + sign * other.sent;
        c.delivered = delivered + sign * other.delivered;
        c.opens = opens + sign * other.opens;
        c.uniqueOpens = uniqueOpens + sign * other.uniqueOpens;
        c.clicks = clicks + sign * other.clicks;
        c.uniqueClicks = uniqueClicks + sign * other.uniqueClicks;
        c.bounced = bounced + sign * other.bounced;
        c.unsubscribed = unsubscribed + sign * other.unsubscribed;
        c.failed = failed + sign * other.failed;
        c.suppressed = suppressed + sign * other.suppressed;
        c.queued = queued + sign * other.queued;
        c.hardBounced = hardBounced + sign * other.hardBounced;
        c.suppressedDnc = suppressedDnc + sign * other.suppressedDnc;
        c.suppressedFrequency = suppressedFrequency + sign * other.suppressedFrequency;
        c.suppressedOnce = suppressedOnce + sign * other.suppressedOnce;
        c.suppressedAddress = suppressedAddress + sign * other.suppressedAddress;
        c.suppressedOther = suppressedOther + sign * other.suppressedOther;
        return c;
    }

    boolean isZero() {
        return equals(new EmailCounts());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmailCounts c && sent == c.sent && delivered == c.delivered && opens == c.opens && uniqueOpens == c.uniqueOpens
                && clicks == c.clicks && uniqueClicks == c.uniqueClicks && bounced == c.bounced && unsubscribed == c.unsubscribed && failed == c.failed
                && suppressed == c.suppressed && queued == c.queued && hardBounced == c.hardBounced && suppressedDnc == c.suppressedDnc
                && suppressedFrequency == c.suppressedFrequency && suppressedOnce == c.suppressedOnce && suppressedAddress == c.suppressedAddress
                && suppressedOther == c.suppressedOther;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sent, delivered, opens, uniqueOpens, clicks, uniqueClicks, bounced, unsubscribed, failed, suppressed, queued, hardBounced,
                suppressedDnc, suppressedFrequency, suppressedOnce, suppressedAddress, suppressedOther);
    }

    @Override
    public String toString() {
        return "sent=" + sent + " delivered=" + delivered + " opens=" + opens + "/" + uniqueOpens + " clicks=" + clicks + "/" + uniqueClicks
                + " bounced=" + bounced + " unsubscribed=" + unsubscribed + " failed=" + failed + " suppressed=" + suppressed + " queued=" + queued;
    }
}
