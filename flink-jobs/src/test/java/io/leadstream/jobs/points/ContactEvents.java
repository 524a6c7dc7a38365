package io.leadstream.jobs.points;

import io.leadstream.schemas.event.AssetDownload;
import io.leadstream.schemas.event.EmailOpen;
import io.leadstream.schemas.event.EventContext;
import io.leadstream.schemas.event.FormSubmission;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import java.time.Instant;
import java.util.Map;

/** Test events of a contact (after identity resolution). */
public final class ContactEvents {
    public static final long DAY = 86_400_000L;

    private ContactEvents() {}

    public static TrackingEvent page(String id, String contact, long time, String url) {
        return event(id, contact, time, PageHit.newBuilder().setUrl(url).build());
    }

    /** A page hit as the gateway writes it: a device, no contact yet. */
    public static TrackingEvent rawPage(String id, String device, long time, String url) {
        TrackingEvent e = page(id, null, time, url);
        e.setDeviceId(device);
        return e;
    }

    public static TrackingEvent open(String id, String contact, long time, String emailId, boolean proxied) {
        return event(id, contact, time, EmailOpen.newBuilder().setSendId("s-" + id).setEmailId(emailId).setProxied(proxied).build());
    }

    public static TrackingEvent form(String id, String contact, long time, String formId) {
        return event(id, contact, time, FormSubmission.newBuilder().setFormId(formId).setValues(Map.of()).build());
    }

    public static TrackingEvent asset(String id, String contact, long time, String assetId) {
        return event(id, contact, time, AssetDownload.newBuilder().setAssetId(assetId).build());
    }

    public static TrackingEvent bot(String id, String contact, long time, String url) {
        TrackingEvent e = page(id, contact, time, url);
        e.getContext().setTrackable(false);
        return e;
    }

    private static TrackingEvent event(String id, String contact, long time, Object payload) {
        return TrackingEvent.newBuilder()
                .setEventId(id)
                .setEventTime(Instant.ofEpochMilli(time))
                .setSource(Source.TRACKER)
                .setDeviceId(contact == null ? null : "device-" + contact)
                .setContactId(contact)
                .setContext(EventContext.newBuilder().setTrackable(true).build())
                .setPayload(payload)
                .build();
    }
}
