package io.leadstream.workers;

import io.leadstream.common.email.AbTests;
import io.leadstream.email.EmailDefinition;
import java.util.List;
import java.util.Map;

/**
 * Which email a send renders, of the family of the one it was decided for: an A/B variant (by weight
 * from the contact's draw, or the test's winner for a send to its rest), then that email's translation
 * for the contact's {@code preferred_locale} (else the email itself); and the content of its dynamic
 * blocks for the contact. Stats count the email rendered; tracking names the one decided, so a campaign
 * waiting on its open sees any variant's.
 */
final class EmailChoices {
    /** The contact's preferred language (Mautic's field). */
    static final String LOCALE_FIELD = "preferred_locale";

    /** What goes: {@code email} rendered with {@code blocks}; {@code decided} is the email the send names. */
    record Choice(EmailDefinition email, String decided, Map<String, String> blocks) {}

    private final OutboxStore store;
    private final EmailFamilies families;
    private final AbTestWinners winners;
    private final ContactBlockFacts facts;

    EmailChoices(OutboxStore store, EmailFamilies families, AbTestWinners winners, ContactBlockFacts facts) {
        this.store = store;
        this.families = families;
        this.winners = winners;
        this.facts = facts;
    }

    Choice choose(OutboxMessage m, Recipient recipient, EmailDefinition decided) {
        EmailDefinition email = decided;
        List<EmailFamilies.Variant> variants = families.variants(decided.id());
        if (variants.size() > 1) {
            String id = m.attributes().containsKey(AbTests.REST) ? winners.winner(decided, variants)
                    : AbTests.pick(decided.id(), m.contactId(), variants.stream().map(v -> new AbTests.Weighted(v.emailId(), v.weight())).toList());
            email = orItself(store.email(id), email);
        }
        String translation = families.translation(email.id(), recipient.fields().get(LOCALE_FIELD));
        if (translation != null) {
            email = orItself(store.email(translation), email);
        }
        Map<String, String> blocks = email.hasBlocks() ? email.blocks(facts.of(m.contactId(), recipient.fields())) : Map.of();
        return new Choice(email, decided.id(), blocks);
    }

    // Deleted since it was read: the email chosen before it goes.
    private static EmailDefinition orItself(EmailDefinition picked, EmailDefinition fallback) {
        return picked == null ? fallback : picked;
    }
}
