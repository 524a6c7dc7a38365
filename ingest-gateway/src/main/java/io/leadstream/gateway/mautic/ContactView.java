package io.leadstream.gateway.mautic;

import io.leadstream.gateway.contacts.ContactStore.Profile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A contact in Mautic's shape: {@code {id, points, dateAdded, lastActive, tags: [{tag}],
 * doNotContact: [{channel, reason}], fields: {core: {alias: {id, label, alias, type, group, value}},
 * all: {id, alias: value}}}}, from the stored profile with this gateway's recent writes laid over it.
 */
final class ContactView {
    /** Mautic's do-not-contact reasons: 1 unsubscribed, 2 bounced, 3 set by hand. */
    static int dncReason(String reason) {
        String r = reason == null ? "" : reason.toLowerCase(java.util.Locale.ROOT);
        return r.contains("unsub") ? 1 : r.contains("bounce") ? 2 : 3;
    }

    /** One field of the catalog: its integer id, label and type. */
    record Field(long id, String label, String type) {}

    private ContactView() {}

    /**
     * {@code profile} null: a contact only this gateway knows of yet (just created); {@code dnc}:
     * channel to reason of the stored do-not-contact rows that are set.
     */
    static JsonObject of(long id, String contactId, Profile profile, Map<String, String> dnc, RecentWrites.Pending pending,
                         Map<String, Field> catalog) {
        Map<String, String> values = new TreeMap<>(profile == null ? Map.of() : profile.fields());
        int points = profile == null ? 0 : profile.pointsAndTags().points();
        Set<String> tags = new TreeSet<>(profile == null ? java.util.List.of() : profile.pointsAndTags().tags());
        Map<String, String> blocked = new TreeMap<>(dnc);
        if (pending != null) {
            pending.fields.forEach((k, v) -> {
                if (v == null) {
                    values.remove(k);
                } else {
                    values.put(k, v);
                }
            });
            if (pending.pointsDelta != null && points == pending.basePoints) { // the engine has not applied it yet
                points += pending.pointsDelta;
            }
            tags.addAll(pending.tagsAdded);
            tags.removeAll(pending.tagsRemoved);
            pending.dnc.forEach((channel, set) -> {
                if (set) {
                    blocked.putIfAbsent(channel, "manual");
                } else {
                    blocked.remove(channel);
                }
            });
        }
        JsonObject core = new JsonObject();
        JsonObject all = new JsonObject().put("id", id);
        catalog.forEach((alias, f) -> {
            String value = values.get(alias);
            core.put(alias, new JsonObject().put("id", f.id()).put("label", f.label()).put("alias", alias).put("type", f.type())
                    .put("group", "core").put("value", value));
            all.put(alias, value);
        });
        values.forEach((alias, value) -> all.put(alias, value)); // stored values of fields no longer defined still show
        all.put("points", points);
        JsonArray tagList = new JsonArray();
        tags.forEach(t -> tagList.add(new JsonObject().put("tag", t)));
        JsonArray dncList = new JsonArray();
        blocked.forEach((channel, reason) -> dncList.add(new JsonObject().put("channel", channel).put("reason", dncReason(reason))
                .put("comments", reason).put("channelId", null)));
        Instant first = profile == null ? null : profile.firstSeen();
        Instant last = profile == null ? null : profile.lastSeen();
        return new JsonObject()
                .put("id", id)
                .put("isPublished", true)
                .put("dateAdded", first == null ? null : first.toString())
                .put("dateModified", last == null ? null : last.toString())
                .put("lastActive", last == null ? null : last.toString())
                .put("points", points)
                .put("color", null)
                .put("owner", null)
                .put("stage", null)
                .put("ipAddresses", profile == null || profile.ip() == null ? new JsonObject() : new JsonObject().put(profile.ip(), new JsonObject()))
                .put("tags", tagList)
                .put("utmtags", new JsonArray())
                .put("doNotContact", dncList)
                .put("leadstreamId", contactId)
                .put("fields", new JsonObject().put("core", core).put("social", new JsonObject()).put("personal", new JsonObject())
                        .put("professional", new JsonObject()).put("all", all));
    }
}
