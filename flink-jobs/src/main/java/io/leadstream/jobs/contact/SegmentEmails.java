package io.leadstream.jobs.contact;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadstream.common.email.AbTests;
import io.leadstream.common.email.SegmentSends;
import io.leadstream.jobs.definitions.DefinitionJson;
import io.leadstream.jobs.definitions.DefinitionsBroadcast;
import io.leadstream.schemas.engine.Channel;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.profile.ContactProfile;
import io.leadstream.schemas.profile.FieldValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The segment emails whose send was started ({@link SegmentSends}): each with its email's segments and
 * type, and an index by segment, so a contact's round finds the emails its segments are owed in a look-up
 * per segment it is in.
 */
record SegmentEmails(Map<String, SegmentEmail> byEmail, Map<String, List<SegmentEmail>> bySegment) {
    static final String EMAILS = "emails";

    /**
     * A started send of email {@code emailId}. Times in epoch millis; {@code sendAt} and {@code closedAt} may be null, {@code perHour} 0.
     * An A/B tested email ({@link AbTests}) goes first to {@code samplePercent} of the contacts; the rest is due at {@code restDue} (0: no
     * test, or every contact in the sample).
     */
    record SegmentEmail(String emailId, Set<String> segments, boolean transactional, long startedAt, Long sendAt, int perHour, Long closedAt,
                        int samplePercent, long restDue) {
        SegmentEmail(String emailId, Set<String> segments, boolean transactional, long startedAt, Long sendAt, int perHour, Long closedAt) {
            this(emailId, segments, transactional, startedAt, sendAt, perHour, closedAt, 100, 0);
        }

        boolean openAt(long now) {
            return closedAt == null || now < closedAt;
        }

        /** When a send decided at {@code now} is first due. */
        long firstDue(long now) {
            return sendAt == null ? now : Math.max(now, sendAt);
        }
    }

    /** The send record as the gateway writes it. */
    record SendRecord(String email, String startedAt, String sendAt, Integer perHour, String closedAt) {}

    /** What a send needs of its email document. */
    record EmailDoc(String id, List<String> segments, String type, String variantOf, JsonNode abTest) {}

    static SegmentEmails from(Iterable<Map.Entry<String, String>> definitions) {
        Map<String, EmailDoc> emails = new HashMap<>();
        DefinitionsBroadcast.compile(definitions, EMAILS, json -> DefinitionJson.read(json, EmailDoc.class)).forEach(e -> emails.put(e.id(), e));
        Map<String, SegmentEmail> byEmail = new HashMap<>();
        Map<String, List<SegmentEmail>> bySegment = new HashMap<>();
        for (SendRecord r : DefinitionsBroadcast.compile(definitions, SegmentSends.KIND, json -> DefinitionJson.read(json, SendRecord.class))) {
            EmailDoc email = emails.get(r.email());
            if (email == null || email.segments() == null || email.segments().isEmpty() || r.startedAt() == null) {
                continue; // deleted since, or no longer a segment email: nothing more goes out
            }
            long startedAt = millis(r.startedAt());
            Long sendAt = r.sendAt() == null ? null : millis(r.sendAt());
            boolean tested = email.abTest() != null && emails.values().stream().anyMatch(v -> r.email().equals(v.variantOf()));
            int sample = tested ? email.abTest().path("samplePercent").asInt(100) : 100;
            long restDue = sample >= 100 ? 0 : Math.max(startedAt, sendAt == null ? 0 : sendAt)
                    + Duration.parse(email.abTest().path("testPeriod").asText("PT0S")).toMillis();
            SegmentEmail send = new SegmentEmail(r.email(), Set.copyOf(email.segments()), "transactional".equals(email.type()), startedAt, sendAt,
                    r.perHour() == null ? 0 : r.perHour(), r.closedAt() == null ? null : millis(r.closedAt()), sample, restDue);
            byEmail.put(send.emailId(), send);
            send.segments().forEach(s -> bySegment.computeIfAbsent(s, k -> new ArrayList<>()).add(send));
        }
        return new SegmentEmails(Map.copyOf(byEmail), Map.copyOf(bySegment));
    }

    private static long millis(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    /**
     * The send of {@code e} to {@code contactId}, first due at {@code due}: one id per email and contact, so a
     * send decided again (a replay, the start's pass and a round at once) is still one send. A contact in an
     * A/B test's rest waits for the test's end, when the send workers send it the winner. {@code memberOf}: the contact's segments,
     * the first of the email's among them named in the send for its reports.
     */
    static SendCommand command(SegmentEmail e, String contactId, Set<String> memberOf, long due, long now) {
        boolean rest = e.restDue() > 0 && !AbTests.inSample(e.emailId(), contactId, e.samplePercent());
        Map<String, String> attributes = new HashMap<>(Map.of(SegmentSends.ATTRIBUTE, e.emailId()));
        e.segments().stream().filter(memberOf::contains).sorted().findFirst().ifPresent(s -> attributes.put(SegmentSends.SEGMENT, s));
        if (rest) {
            attributes.put(AbTests.REST, e.emailId());
        }
        return SendCommand.newBuilder().setCommandId(SegmentSends.commandId(e.emailId(), contactId)).setChannel(Channel.EMAIL)
                .setContactId(contactId).setDueTime(Instant.ofEpochMilli(rest ? Math.max(due, e.restDue()) : due))
                .setCreatedTime(Instant.ofEpochMilli(now)).setEmailId(e.emailId()).setTransactional(e.transactional()).setAttributes(attributes)
                .build();
    }

    /** Whether the contact can be sent email at all: it has an address (one given later gets the email then). */
    static boolean addressed(ContactProfile p) {
        FieldValue email = p.getFields().get("email");
        return email != null && !email.getValue().isBlank();
    }

    /** The open segment emails that name one of {@code segments} and are not in {@code queued}, each once, in email id order. */
    List<SegmentEmail> owed(Set<String> segments, List<String> queued, long now) {
        if (bySegment.isEmpty()) {
            return List.of();
        }
        List<SegmentEmail> out = new ArrayList<>();
        for (String segment : segments) {
            for (SegmentEmail e : bySegment.getOrDefault(segment, List.of())) {
                if (e.openAt(now) && !queued.contains(e.emailId()) && !out.contains(e)) {
                    out.add(e);
                }
            }
        }
        out.sort(java.util.Comparator.comparing(SegmentEmail::emailId));
        return out;
    }
}
