package io.leadstream.jobs.timeline;

import io.leadstream.jobs.campaigns.SuppressedSends;

import io.leadstream.schemas.event.AssetDownload;
import io.leadstream.schemas.event.CustomEvent;
import io.leadstream.schemas.event.EmailBounce;
import io.leadstream.schemas.event.EmailClick;
import io.leadstream.schemas.event.EmailOpen;
import io.leadstream.schemas.event.EmailUnsubscribe;
import io.leadstream.schemas.event.FormSubmission;
import io.leadstream.schemas.event.Identification;
import io.leadstream.schemas.event.PageHit;
import java.util.LinkedHashMap;
import java.util.Map;

/** A stable, human name for each payload type, and its payload-specific attributes as text. */
public final class EventKinds {
    private EventKinds() {}

    public static String kind(Object payload) {
        if (payload instanceof PageHit) {
            return "page_hit";
        } else if (payload instanceof Identification) {
            return "identification";
        } else if (payload instanceof FormSubmission) {
            return "form_submission";
        } else if (payload instanceof EmailOpen) {
            return "email_open";
        } else if (payload instanceof EmailClick) {
            return "email_click";
        } else if (payload instanceof EmailUnsubscribe) {
            return "email_unsubscribe";
        } else if (payload instanceof EmailBounce) {
            return "email_bounce";
        } else if (payload instanceof AssetDownload) {
            return "asset_download";
        } else if (payload instanceof CustomEvent c && SuppressedSends.NAME.equals(c.getName())) {
            return "email_suppressed";
        } else if (payload instanceof CustomEvent) {
            return "custom";
        }
        return "unknown";
    }

    /** Payload fields worth showing in a timeline, flattened to text. */
    public static Map<String, String> attributes(Object payload) {
        Map<String, String> out = new LinkedHashMap<>();
        if (payload instanceof PageHit p) {
            out.putAll(p.getUtm());
            put(out, "resolution", p.getResolution());
            put(out, "platform", p.getPlatform());
        } else if (payload instanceof FormSubmission f) {
            out.put("form_id", f.getFormId());
            f.getValues().forEach((k, v) -> out.put("value." + k, v));
        } else if (payload instanceof EmailOpen o) {
            out.put("send_id", o.getSendId());
            out.put("email_id", o.getEmailId());
            out.put("proxied", Boolean.toString(o.getProxied()));
        } else if (payload instanceof EmailClick c) {
            out.put("send_id", c.getSendId());
            out.put("email_id", c.getEmailId());
            out.put("target", c.getUrl());
        } else if (payload instanceof EmailUnsubscribe u) {
            out.put("send_id", u.getSendId());
            out.put("email_id", u.getEmailId());
            out.put("one_click", Boolean.toString(u.getOneClick()));
        } else if (payload instanceof EmailBounce b) {
            put(out, "send_id", b.getSendId());
            out.put("address", b.getAddress());
            out.put("bounce", b.getKind().name());
        } else if (payload instanceof AssetDownload a) {
            out.put("asset_id", a.getAssetId());
        } else if (payload instanceof CustomEvent c) {
            out.put("name", c.getName());
            out.putAll(c.getProperties());
        } else if (payload instanceof Identification i) {
            out.put("via", i.getVia());
        }
        return out;
    }

    private static void put(Map<String, String> out, String key, String value) {
        if (value != null) {
            out.put(key, value);
        }
    }
}
