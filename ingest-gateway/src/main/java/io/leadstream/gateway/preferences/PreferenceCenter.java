package io.leadstream.gateway.preferences;

import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.common.email.EmailToken;
import io.leadstream.common.email.SignedTokens;
import io.leadstream.gateway.contacts.ContactActions;
import io.leadstream.gateway.contacts.ContactStore;
import io.leadstream.gateway.contacts.ContactStore.Profile;
import io.leadstream.gateway.definitions.DefinitionsCache;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The email preference center, reached by a browser's GET of an email's unsubscribe link
 * ({@code /email/unsubscribe/{token}}; a POST there stays the one-click unsubscribe), saved by a POST
 * to {@code /email/preferences/{token}} with the same token. The signed token is the whole authority:
 * it names the contact, and a page cannot be posted for anybody else without forging it, so no other
 * CSRF token is needed. A GET changes nothing (link scanners fetch GETs). Changes go to Kafka as the
 * contact APIs' do (segment commands, a fields event), for the engine to apply; nothing is written
 * to its Cassandra views here.
 */
public final class PreferenceCenter {
    private static final Logger LOG = LoggerFactory.getLogger(PreferenceCenter.class);
    private static final String SEGMENTS = "segments";
    /** Nothing on the page runs or loads; it posts only to its own origin, and its link (a token) is not passed on. */
    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final SignedTokens tokens;
    private final DefinitionsCache definitions;
    private final ContactStore contacts;
    private final ContactActions actions;
    private final Clock clock;
    private final Runnable badToken;
    private final Handler<RoutingContext> plainPage;

    /** {@code badToken} counts a request whose token did not verify; {@code plainPage} is the unsubscribe page without preferences. */
    public PreferenceCenter(SignedTokens tokens, DefinitionsCache definitions, ContactStore contacts, ContactActions actions, Clock clock,
                            Runnable badToken, Handler<RoutingContext> plainPage) {
        this.tokens = tokens;
        this.definitions = definitions;
        this.contacts = contacts;
        this.actions = actions;
        this.clock = clock;
        this.badToken = badToken;
        this.plainPage = plainPage;
    }

    /** What the page shows of a contact: its profile (the root's), the segments it is in, whether it is do-not-contact for email. */
    private record Reading(Profile profile, Set<String> memberOf, boolean doNotContact) {}

    /**
     * {@code GET /email/unsubscribe/{token}}; when the contact cannot be read (Cassandra not answering, a contact not stored or
     * erased), the plain unsubscribe page instead: unsubscribing must work whatever else does not.
     */
    public void page(RoutingContext ctx) {
        EmailToken token = verified(ctx);
        if (token == null) {
            return;
        }
        read(token.contactId()).whenComplete((found, failure) -> ctx.vertx().runOnContext(v -> {
            if (failure != null || found.isEmpty()) {
                if (failure != null) {
                    LOG.warn("Preferences of {} not read, the plain unsubscribe page shown: {}", token.contactId(), failure.toString());
                }
                plainPage.handle(ctx);
                return;
            }
            Reading r = found.get();
            html(ctx, 200, PreferencePage.render(view(ctx, r, r.memberOf(), EmailPreferences.of(r.profile().fields(), today()), null)));
        }));
    }

    /** {@code POST /email/preferences/{token}}, a form: {@link PreferenceForm}. */
    public void save(RoutingContext ctx) {
        EmailToken token = verified(ctx);
        if (token == null) {
            return;
        }
        LocalDate today = today();
        PreferenceForm form;
        try {
            form = PreferenceForm.read(ctx.request().formAttributes(), today);
        } catch (PreferenceForm.Refused e) {
            html(ctx, 400, PreferencePage.refusal("Not saved", e.getMessage() + " Go back to change it."));
            return;
        }
        withContact(ctx, token, r -> {
            String contact = r.profile().id();
            List<String> visible = publicSegments().stream().map(PublicSegment::id).toList();
            PreferenceForm.Changes changes = form.changes(visible, r.memberOf());
            Map<String, String> fields = form.preferences().changesFrom(EmailPreferences.of(r.profile().fields(), today), today);
            List<Future<?>> sent = new ArrayList<>();
            changes.join().forEach(id -> sent.add(actions.segment(contact, id, true)));
            changes.leave().forEach(id -> sent.add(actions.segment(contact, id, false)));
            if (!fields.isEmpty()) {
                sent.add(actions.fields(contact, fields));
            }
            Set<String> memberOf = new HashSet<>(r.memberOf());
            memberOf.addAll(changes.join());
            memberOf.removeAll(changes.leave());
            Future.all(sent).onComplete(ar -> ctx.vertx().runOnContext(v -> {
                if (ar.failed()) {
                    LOG.warn("Preferences of {} not saved: {}", contact, ar.cause().toString());
                    html(ctx, 503, PreferencePage.refusal("Not saved", "We could not save your preferences just now. Please try again in a minute."));
                } else {
                    html(ctx, 200, PreferencePage.render(view(ctx, r, memberOf, form.preferences(), "Your preferences are saved.")));
                }
            }));
        });
    }

    private PreferencePage.View view(RoutingContext ctx, Reading r, Set<String> memberOf, EmailPreferences preferences, String notice) {
        String token = ctx.pathParam("token");
        return new PreferencePage.View("/email/preferences/" + token, "/email/unsubscribe/" + token, r.profile().fields().get("email"),
                publicSegments(), memberOf, preferences, r.doNotContact(), notice, today());
    }

    private List<PublicSegment> publicSegments() {
        return PublicSegment.of(definitions.all(SEGMENTS));
    }

    /** The path's token if it is an unsubscribe token this gateway signed; else null, with a 403 page sent. */
    private EmailToken verified(RoutingContext ctx) {
        EmailToken token = tokens.verify(ctx.pathParam("token"));
        if (token == null || !EmailToken.UNSUBSCRIBE.equals(token.kind())) {
            badToken.run();
            html(ctx, 403, PreferencePage.refusal("This link does not work",
                    "The link is not one of ours, or it was changed or cut short on the way. Open it again from one of our emails."));
            return null;
        }
        return token;
    }

    /** The token's contact as read now, or a 404 / 503 page sent. */
    private void withContact(RoutingContext ctx, EmailToken token, Consumer<Reading> then) {
        read(token.contactId()).whenComplete((found, failure) -> ctx.vertx().runOnContext(v -> {
            if (failure != null) {
                LOG.warn("Preferences of {} not read: {}", token.contactId(), failure.toString());
                html(ctx, 503, PreferencePage.refusal("Not available", "Your preferences cannot be read just now. Please try again in a minute."));
            } else if (found.isEmpty()) {
                html(ctx, 404, PreferencePage.refusal("Not found", "We hold no details for this link any more."));
            } else {
                then.accept(found.get());
            }
        }));
    }

    private CompletionStage<Optional<Reading>> read(String contactId) {
        return contacts.profile(contactId).thenCompose(found -> {
            if (found.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.<Reading>empty());
            }
            Profile p = found.get();
            CompletableFuture<List<String>> segments = contacts.segmentsOf(p.id()).toCompletableFuture();
            CompletableFuture<List<Row>> dnc = contacts.doNotContact(p.id()).toCompletableFuture();
            return segments.thenCombine(dnc, (in, rows) -> Optional.of(new Reading(p, Set.copyOf(in),
                    rows.stream().anyMatch(row -> "email".equals(row.getString("channel")) && !row.isNull("dnc") && row.getBoolean("dnc")))));
        });
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    private static void html(RoutingContext ctx, int status, String page) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-store")
                .putHeader("X-Robots-Tag", "noindex").putHeader("Referrer-Policy", "no-referrer").putHeader("Content-Security-Policy", POLICY)
                .end(page);
    }
}
