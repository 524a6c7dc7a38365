package io.leadstream.jobs.contact;

import io.leadstream.jobs.identity.IdentifierClaims;
import io.leadstream.jobs.identity.IdentityReferenceModel;
import io.leadstream.schemas.event.FormSubmission;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.schemas.contact.ContactActionEvents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The contact processor's results computed the plain way, over the whole input at once: identity
 * from {@link IdentityReferenceModel}, then, per surviving contact, the sum of what every id
 * merged into it did (points, tags, the newest country, page hits per day, last activity) and
 * each test segment's filter evaluated at one instant.
 */
final class ContactReferenceModel {
    static final long DAY = ContactScenario.DAY;

    /** What the profile view of a surviving contact must hold. */
    record Profile(int points, Map<String, Integer> groups, Set<String> tags) {}

    private static final class Contact {
        int points;
        int product;
        final Set<String> tags = new TreeSet<>();
        String country;
        long countryTime = Long.MIN_VALUE;
        long lastActive = Long.MIN_VALUE;
        final List<Long> pricingHits = new ArrayList<>();
        final List<Long> activity = new ArrayList<>();
    }

    private final Map<String, Contact> contacts = new TreeMap<>();

    ContactReferenceModel(ContactScenario.Generated scenario) {
        IdentityReferenceModel identity = new IdentityReferenceModel(scenario.tracked(), new IdentifierClaims("email"));
        for (TrackingEvent e : scenario.tracked()) {
            Contact c = contacts.computeIfAbsent(identity.resolve(identity.contactOfEvent.get(e.getEventId())), k -> new Contact());
            long t = e.getEventTime().toEpochMilli();
            c.lastActive = Math.max(c.lastActive, t);
            c.activity.add(t);
            if (e.getPayload() instanceof PageHit hit) {
                if (hit.getUrl().contains("/pricing")) {
                    c.points += 10;
                    c.pricingHits.add(t);
                } else if (hit.getUrl().contains("/docs/")) {
                    c.product += 3;
                }
            } else if (e.getPayload() instanceof FormSubmission) {
                c.points += 5;
                if (t > c.countryTime) {
                    c.country = e.getFields().get("country");
                    c.countryTime = t;
                }
            }
        }
        for (TrackingEvent e : scenario.tags()) {
            contacts.computeIfAbsent(identity.resolve(e.getContactId()), k -> new Contact())
                    .tags.addAll(ContactActionEvents.list(ContactActionEvents.properties(e, ContactActionEvents.TAGS).get(ContactActionEvents.TAGS_ADD)));
        }
    }

    /** Every surviving contact. */
    Set<String> contacts() {
        return contacts.keySet();
    }

    Profile profile(String contact) {
        Contact c = contacts.get(contact);
        return new Profile(c.points, c.product == 0 ? Map.of() : Map.of("product", c.product), c.tags);
    }

    /** The members of each test segment (docs in {@link ContactModelIT}) at {@code now}. */
    Map<String, Set<String>> members(long now) {
        Map<String, Predicate<Contact>> filters = new HashMap<>();
        filters.put("hot", c -> c.points >= 50);
        filters.put("product-fans", c -> c.product >= 9);
        filters.put("tagged-vip", c -> c.tags.contains("vip"));
        filters.put("fr", c -> "FR".equalsIgnoreCase(c.country));
        filters.put("vip-hot", c -> c.points >= 50 && c.tags.contains("vip"));
        filters.put("pricing-3x-7d", c -> countFromDay(c.pricingHits, now - 7 * DAY) >= 3);
        filters.put("recent", c -> c.lastActive >= now - 3 * DAY);
        filters.put("inactive", c -> countFromDay(c.activity, now - 2 * DAY) < 1);
        Map<String, Set<String>> out = new TreeMap<>();
        filters.forEach((segment, filter) -> out.put(segment, contacts.entrySet().stream().filter(e -> filter.test(e.getValue()))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new))));
        return out;
    }

    /** Events on whole UTC days from the day of {@code since} on, as behaviour windows count. */
    private static long countFromDay(List<Long> times, long since) {
        long firstDay = Math.floorDiv(since, DAY);
        return times.stream().filter(t -> Math.floorDiv(t, DAY) >= firstDay).count();
    }
}
