package io.leadstream.jobs.identity;

import io.leadstream.schemas.contact.ContactActionEvents;

import io.leadstream.store.cassandra.FirstSeen;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.leadstream.jobs.timeline.EventKinds;
import io.leadstream.schemas.event.EmailBounce;
import io.leadstream.schemas.event.FormSubmission;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.sink.cassandra.CassandraWriteMapper;
import io.leadstream.store.cassandra.table.ContactBouncesTable;
import io.leadstream.store.cassandra.table.ContactDncTable;
import io.leadstream.store.cassandra.table.ContactFieldsTable;
import io.leadstream.store.cassandra.table.ContactFormSubmissionsTable;
import io.leadstream.store.cassandra.table.ContactTimelineTable;
import io.leadstream.store.cassandra.table.ContactsTable;
import io.leadstream.store.cassandra.table.FormSubmissionsTable;
import io.leadstream.store.cassandra.table.StageChangesLogTable;
import io.leadstream.store.cassandra.table.StageMembersTable;
import io.leadstream.store.cassandra.table.TagsTable;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A contact event → its timeline row, the contact's facts and its profile fields; a bounce also →
 * {@code contact_bounces}; the engine's stage change also → {@code stage_members} and {@code stage_changes_log}. Each write
 * carries the event time as its Cassandra timestamp, so the newest value by event time wins
 * whatever order events arrive in; first_seen is written "backwards" so the earliest wins ({@link FirstSeen}).
 * The timestamps are bound in the CQL ({@code USING TIMESTAMP ?}), not set on the statements: all of
 * an event's writes share the contact's partition and go as one batch, which has a single timestamp of its own.
 */
public final class ContactEventWrites implements CassandraWriteMapper<TrackingEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public List<String> cqls() {
        return List.of(
                ContactTimelineTable.INSERT,
                ContactsTable.UPDATE_LAST_SEEN_TIMEZONE_IP_BY_CONTACT_ID,
                ContactsTable.UPDATE_FIRST_SEEN_BY_CONTACT_ID,
                ContactFieldsTable.INSERT,
                ContactDncTable.INSERT_EMAIL,
                ContactBouncesTable.INSERT,
                ContactsTable.UPDATE_TIMEZONE_BY_CONTACT_ID,
                FormSubmissionsTable.INSERT,
                TagsTable.INSERT,
                ContactFormSubmissionsTable.INSERT,
                StageMembersTable.INSERT,
                StageMembersTable.DELETE_USING_TIMESTAMP_BY_STAGE_ID_AND_CONTACT_ID,
                StageChangesLogTable.INSERT);
    }

    @Override
    public void write(List<PreparedStatement> prepared, TrackingEvent e, Consumer<Statement<?>> out) {
        String contact = e.getContactId();
        long micros = e.getEventTime().toEpochMilli() * 1000;
        Object payload = e.getPayload();
        PageHit page = payload instanceof PageHit p ? p : null;
        Map<String, String> stage = ContactActionEvents.properties(e, ContactActionEvents.STAGE);
        if (stage != null && e.getSource() != Source.ENGINE) {
            return; // the API's request: the engine's change, which knows whether and from where, is the row
        }
        if (stage != null) {
            stageChange(prepared, e, stage, micros, out);
        }
        out.accept(CassandraWriteMapper.bindPresent(prepared.get(0), new ContactTimelineTable.Row(contact, e.getEventTime(), e.getEventId(),
                EventKinds.kind(payload), e.getDeviceId(), page == null ? null : page.getUrl(), page == null ? null : page.getTitle(),
                EventKinds.attributes(payload)).values()));
        // Before the trackable check: a one-click unsubscribe often comes from the mail provider's servers.
        DoNotContact.of(e).ifPresent(d -> out.accept(CassandraWriteMapper.bind(prepared.get(4), contact, d.dnc(), d.reason(), micros)));
        if (payload instanceof FormSubmission form) { // every submission, also a bot's or an excluded address's: they are the form's results
            out.accept(CassandraWriteMapper.bindPresent(prepared.get(7), new FormSubmissionsTable.Row(form.getFormId(), e.getEventTime(), e.getEventId(),
                    contact, form.getPageUrl(), e.getContext().getIp(), form.getValues()).values()));
            out.accept(CassandraWriteMapper.bindPresent(prepared.get(9), new ContactFormSubmissionsTable.Row(contact, form.getFormId(), e.getEventTime(),
                    e.getEventId(), form.getPageUrl(), e.getContext().getIp(), form.getValues()).values()));
        }
        Map<String, String> tagged = ContactActionEvents.properties(e, ContactActionEvents.TAGS);
        if (tagged != null) {
            ContactActionEvents.list(tagged.get(ContactActionEvents.TAGS_ADD)).forEach(tag -> out.accept(CassandraWriteMapper.bind(prepared.get(8), tag)));
        }
        if (payload instanceof EmailBounce b) { // soft bounces are counted here, hard ones also made the contact do-not-contact
            out.accept(CassandraWriteMapper.bindPresent(prepared.get(5), new ContactBouncesTable.Row(contact, e.getEventTime(), e.getEventId(),
                    b.getKind().name(), b.getAddress(), b.getSendId(), b.getDiagnostic()).values()));
        }
        boolean engine = e.getSource() == Source.ENGINE;
        Map<String, String> zone = engine ? ContactActionEvents.properties(e, ContactActionEvents.ZONE) : null;
        if (zone != null && zone.get(ContactActionEvents.ZONE_NAME) != null) {
            out.accept(CassandraWriteMapper.bind(prepared.get(6), micros, zone.get(ContactActionEvents.ZONE_NAME), contact));
        }
        boolean action = engine || ContactActionEvents.isAction(e); // a change made to the contact, by a campaign or the API
        if (!e.getContext().getTrackable() && !action) {
            return; // bots and excluded IPs are kept in the timeline but do not shape the profile
        }
        if (!action) { // a campaign or an integration changing a field is not the contact being seen
            out.accept(CassandraWriteMapper.bindPresent(prepared.get(1), micros, e.getEventTime(), e.getContext().getTimezone(), e.getContext().getIp(),
                    contact));
            out.accept(CassandraWriteMapper.bind(prepared.get(2), FirstSeen.writeTimestamp(micros), e.getEventTime(), contact));
        }
        for (Map.Entry<String, String> field : e.getFields().entrySet()) {
            if (field.getValue() != null && !field.getValue().isBlank()) {
                out.accept(CassandraWriteMapper.bind(prepared.get(3),
                        new ContactFieldsTable.Row(contact, field.getKey(), field.getValue().strip()).values(micros)));
            }
        }
    }

    /** Into a stage and out of the one before: its members, and a row of each stage's day. */
    private static void stageChange(List<PreparedStatement> prepared, TrackingEvent e, Map<String, String> stage, long micros,
                                    Consumer<Statement<?>> out) {
        String contact = e.getContactId();
        java.time.LocalDate day = java.time.LocalDate.ofInstant(e.getEventTime(), java.time.ZoneOffset.UTC);
        String from = stage.getOrDefault(ContactActionEvents.STAGE_FROM, "");
        String to = stage.getOrDefault(ContactActionEvents.STAGE_ID, "");
        if (!from.isEmpty()) {
            out.accept(CassandraWriteMapper.bind(prepared.get(11), micros, from, contact));
            out.accept(CassandraWriteMapper.bind(prepared.get(12), new StageChangesLogTable.Row(from, day, e.getEventTime(), contact, "LEFT").values()));
        }
        if (!to.isEmpty()) {
            out.accept(CassandraWriteMapper.bind(prepared.get(10), to, contact, micros));
            out.accept(CassandraWriteMapper.bind(prepared.get(12), new StageChangesLogTable.Row(to, day, e.getEventTime(), contact, "ENTERED").values()));
        }
    }
}
