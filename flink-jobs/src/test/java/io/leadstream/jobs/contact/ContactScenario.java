package io.leadstream.jobs.contact;

import io.leadstream.common.ids.IdentityIds;
import io.leadstream.jobs.identity.Events;
import io.leadstream.schemas.contact.ContactActionEvents;
import io.leadstream.schemas.event.FormSubmission;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A randomized stream of contacts over ten days: devices with 1-8 page hits and sign-up forms
 * (pricing, docs, other pages; a country on the forms), 40% identifying with one of a pool of
 * emails (collisions merge contacts), 8% switching email later (re-points), and tags given through
 * the API to a device's contact. Every event time is unique, so "the newest value wins" has one answer.
 */
final class ContactScenario {
    static final long T0 = Instant.parse("2026-09-01T00:00:00Z").toEpochMilli();
    static final long DAY = 86_400_000L;
    static final List<String> URLS = List.of("https://shop.example/pricing", "https://shop.example/pricing?plan=pro",
            "https://shop.example/docs/a", "https://shop.example/docs/b", "https://shop.example/about", "https://shop.example/blog/x");
    static final List<String> COUNTRIES = List.of("FR", "DE", "fr", "US");
    static final List<String> TAGS = List.of("vip", "newsletter");

    /** Tracker events (through identity) and tag events (API, naming a device's contact). */
    record Generated(List<TrackingEvent> tracked, List<TrackingEvent> tags) {
        List<TrackingEvent> all() {
            List<TrackingEvent> all = new ArrayList<>(tracked);
            all.addAll(tags);
            all.sort(Comparator.comparing(TrackingEvent::getEventTime));
            return all;
        }

        long lastEventTime() {
            return all().get(all().size() - 1).getEventTime().toEpochMilli();
        }
    }

    private ContactScenario() {}

    static Generated generate(Random random, int devices, int emails) {
        List<TrackingEvent> tracked = new ArrayList<>();
        List<TrackingEvent> tags = new ArrayList<>();
        Set<Long> times = new HashSet<>();
        int n = 0;
        for (int d = 0; d < devices; d++) {
            String device = "dev-" + d;
            int hits = 1 + random.nextInt(8);
            long t = T0 + (long) (random.nextDouble() * 10 * DAY);
            long first = t;
            String email = random.nextInt(100) < 40 ? "user" + random.nextInt(emails) + "@example.com" : null;
            int identifyAt = email == null ? -1 : random.nextInt(hits);
            String other = random.nextInt(100) < 8 ? "user" + random.nextInt(emails) + "@example.com" : null;
            for (int h = 0; h < hits; h++) {
                String claim = h == identifyAt ? email : null;
                if (other != null && h == hits - 1 && h > identifyAt) {
                    claim = other;
                }
                t = unique(times, t);
                tracked.add(random.nextInt(100) < 20 ? form(String.format("e%06d", n++), device, t, claim, COUNTRIES.get(random.nextInt(COUNTRIES.size())))
                        : page(String.format("e%06d", n++), device, t, claim, URLS.get(random.nextInt(URLS.size()))));
                t += 1 + (long) (random.nextDouble() * 30 * 3_600_000);
            }
            if (random.nextInt(100) < 15) {
                long at = unique(times, first + (long) (random.nextDouble() * (t - first)));
                TrackingEvent tag = ContactActionEvents.of(String.format("t%06d", n++), IdentityIds.anon(device), at, ContactActionEvents.TAGS,
                        Map.of(ContactActionEvents.TAGS_ADD, TAGS.get(random.nextInt(TAGS.size()))), Map.of(), "api: tags");
                tag.setSource(Source.API);
                tags.add(tag);
            }
        }
        return new Generated(tracked, tags);
    }

    private static long unique(Set<Long> times, long t) {
        while (!times.add(t)) {
            t++;
        }
        return t;
    }

    private static TrackingEvent page(String id, String device, long t, String email, String url) {
        TrackingEvent e = Events.hit(id, device, t, email);
        e.setPayload(PageHit.newBuilder().setUrl(url).build());
        return e;
    }

    private static TrackingEvent form(String id, String device, long t, String email, String country) {
        TrackingEvent e = Events.hit(id, device, t, email);
        Map<String, String> fields = email == null ? Map.of("country", country) : Map.of("country", country, "email", email);
        e.setFields(fields);
        e.setPayload(FormSubmission.newBuilder().setFormId("signup").setValues(fields).build());
        return e;
    }
}
