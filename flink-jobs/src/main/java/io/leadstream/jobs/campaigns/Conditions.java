package io.leadstream.jobs.campaigns;

import io.leadstream.jobs.segments.ContactFacts;
import io.leadstream.jobs.segments.FilterEvaluator;
import io.leadstream.jobs.segments.FormValues;
import java.time.ZoneId;
import java.util.regex.Pattern;

/** Conditions, evaluated at once: most are segment filters in another place, so the segment filter code decides them. */
final class Conditions {
    /** What a mail server takes: one @, a dotted domain, no spaces (not the full RFC 5322 grammar, which no sender needs). */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]{2,}$");

    private Conditions() {}

    static boolean yes(CampaignEvent condition, CampaignHost contact, ZoneId zone, long now) {
        return switch (condition.kind()) {
            case "valid_email" -> {
                String email = contact.facts(zone).field("email");
                yield email != null && EMAIL.matcher(email.strip()).matches();
            }
            case "form_field" -> FilterEvaluator.matches(condition.filter(), new FormValues(contact.formValues(condition.text("form")), zone), now);
            default -> {
                ContactFacts facts = contact.facts(zone);
                yield condition.filter() != null && FilterEvaluator.matches(condition.filter(), facts, now);
            }
        };
    }
}
