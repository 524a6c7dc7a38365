package io.leadstream.jobs.campaigns;

import io.leadstream.jobs.definitions.DefinitionJson;
import io.leadstream.jobs.segments.ContactFacts;
import io.leadstream.jobs.segments.FilterEvaluator;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Pattern;

/** Conditions, evaluated at once: most are segment filters in another place, so the segment filter code decides them. */
final class Conditions {
    /** What a mail server takes: one @, a dotted domain, no spaces (not the full RFC 5322 grammar, which no sender needs). */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]{2,}$");

    private Conditions() {}

    static boolean yes(CampaignEvent condition, CampaignContact contact, ZoneId zone, long now) throws Exception {
        return switch (condition.kind()) {
            case "valid_email" -> {
                String email = contact.fields.get("email");
                yield email != null && EMAIL.matcher(email.strip()).matches();
            }
            case "form_field" -> {
                String submission = contact.forms.get(condition.text("form"));
                @SuppressWarnings("unchecked")
                Map<String, String> values = submission == null ? Map.of() : DefinitionJson.read(submission, Map.class);
                yield FilterEvaluator.matches(condition.filter(), CampaignContact.fieldsOnly(values, zone), now);
            }
            default -> {
                ContactFacts facts = contact.facts(zone);
                yield condition.filter() != null && FilterEvaluator.matches(condition.filter(), facts, now);
            }
        };
    }
}
