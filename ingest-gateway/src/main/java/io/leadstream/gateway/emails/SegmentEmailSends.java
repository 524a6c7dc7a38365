package io.leadstream.gateway.emails;

import io.leadstream.common.email.SegmentSends;
import io.leadstream.gateway.contacts.StatsStore;
import io.leadstream.gateway.definitions.DefinitionsApi;
import io.leadstream.gateway.definitions.DefinitionsCache;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Segment emails' sends, for both APIs (/api/v1 and Mautic's): starting one records it in the definitions
 * topic ({@link SegmentSends}) and the engine sends from there; the gateway sends nothing itself. A send is
 * started once: asked again, open or closed, nothing is written and its progress is the answer.
 */
public final class SegmentEmailSends {
    private final DefinitionsCache definitions;
    private final DefinitionsApi records;
    private final StatsStore stats;
    private final Clock clock;
    /** Per email, the last write of its send on this node: a start or close waits for the one before, so two starts write once. */
    private final Map<String, Future<Void>> turns = new ConcurrentHashMap<>();

    /** A start's or close's outcome: whether it wrote the record, and the progress after it. */
    public record Outcome(boolean written, JsonObject progress) {}

    private record Change(SegmentSendRecord send, boolean written) {}

    public SegmentEmailSends(DefinitionsCache definitions, DefinitionsApi records, StatsStore stats, Clock clock) {
        this.definitions = definitions;
        this.records = records;
        this.stats = stats;
        this.clock = clock;
    }

    /** The segments an email definition names; none: it is no segment email. */
    public static List<String> segmentsOf(JsonObject email) {
        return email.getJsonArray("segments", new JsonArray()).stream().map(String::valueOf).toList();
    }

    /** The email's send as recorded (this node's replica of the definitions topic), if it was ever started. */
    public Optional<SegmentSendRecord> find(String emailId) {
        return definitions.get(SegmentSends.KIND, emailId).map(SegmentSendRecord::from);
    }

    /** Starts the email's send, unless it was started before. The caller checked the email names segments. */
    public Future<Outcome> start(String emailId, SegmentSendOptions options) {
        return changed(emailId, () -> {
            Optional<SegmentSendRecord> existing = find(emailId);
            if (existing.isPresent()) {
                return Future.succeededFuture(new Change(existing.get(), false));
            }
            SegmentSendRecord started = SegmentSendRecord.started(emailId, clock.instant(), options);
            return records.record(SegmentSends.KIND, emailId, started.toJson()).map(v -> new Change(started, true));
        });
    }

    /** Closes the email's send (the caller found it started); closing a closed one writes nothing. */
    public Future<Outcome> close(String emailId) {
        return changed(emailId, () -> {
            SegmentSendRecord send = find(emailId).orElseThrow(); // never removed once written
            if (send.isClosed()) {
                return Future.succeededFuture(new Change(send, false));
            }
            SegmentSendRecord closed = send.closed(clock.instant());
            return records.record(SegmentSends.KIND, emailId, closed.toJson()).map(v -> new Change(closed, true));
        });
    }

    /**
     * The members of {@code segments} now, added up (a contact in two of them counts twice): whom a send started now
     * goes to, what Mautic's send answers as its {@code sentCount} before the engine has queued them.
     */
    public Future<Long> members(List<String> segments) {
        List<Future<Long>> sizes = segments.stream().map(s -> Future.fromCompletionStage(stats.size(StatsStore.Membership.SEGMENT, s))).toList();
        return Future.all(sizes).map(all -> sizes.stream().mapToLong(Future::result).sum());
    }

    /** The progress of a send found with {@link #find}. */
    public Future<JsonObject> progress(SegmentSendRecord send) {
        return counts(send.email()).map(counts -> progress(send, counts));
    }

    /**
     * The change, its progress with the counts read first: with the store down nothing is written (the
     * caller answers 503 and may ask again), rather than a send started that its caller is told failed.
     */
    private Future<Outcome> changed(String emailId, Supplier<Future<Change>> change) {
        return counts(emailId).compose(counts -> inTurn(emailId, change).map(c -> new Outcome(c.written(), progress(c.send(), counts))));
    }

    /** The counts of the email and every email of its family (its A/B variants, their translations): a send counts for the one it rendered. */
    private Future<SegmentSendProgress.Counts> counts(String emailId) {
        List<Future<SegmentSendProgress.Counts>> each = EmailFamily.of(emailId, definitions.all("emails")).stream()
                .map(id -> Future.fromCompletionStage(stats.email(id)).map(row -> SegmentSendProgress.Counts.from(row.orElse(null)))).toList();
        return Future.all(each).map(all -> each.stream().map(Future::result).reduce(SegmentSendProgress.Counts.NONE, SegmentSendProgress.Counts::plus));
    }

    private JsonObject progress(SegmentSendRecord send, SegmentSendProgress.Counts counts) {
        List<String> segments = definitions.get("emails", send.email()).map(SegmentEmailSends::segmentsOf).orElse(List.of());
        return SegmentSendProgress.of(send, segments, counts, clock.instant());
    }

    /** Runs {@code write} once this email's previous write on this node has finished, whatever its result. */
    private <T> Future<T> inTurn(String emailId, Supplier<Future<T>> write) {
        Promise<Void> finished = Promise.promise();
        Future<Void> mine = finished.future();
        Future<Void> before = turns.put(emailId, mine);
        Future<T> result = (before == null ? Future.<Void>succeededFuture() : before).compose(v -> write.get());
        result.onComplete(ar -> {
            turns.remove(emailId, mine); // unless a later one queued behind it
            finished.complete();
        });
        return result;
    }
}
