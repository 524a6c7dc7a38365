package io.leadstream.gateway;

import io.leadstream.gateway.contacts.ContactStore;
import io.leadstream.gateway.definitions.DefinitionsCache;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.LanguageHeader;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code GET /{alias}}: a landing page (definition kind {@code pages}), from memory. A page the same
 * for everyone is rendered once per change of the definitions and answered with an ETag and a
 * public cache lifetime (shorter near its publish-down time); one showing the visitor's contact
 * fields, or a form that depends on the contact, is rendered per visit and never cached. At a page
 * with translations, the browser's preferred language picks the one shown; at one with A/B variants,
 * the visitor's device does ({@link PageVariants}), and the page is the visitor's own. An alias that is no
 * published page goes on to the routes after this one (404 at the end).
 */
final class LandingPageHandler implements Handler<RoutingContext> {
    static final String KIND = "pages";
    private static final int MAX_AGE_SECONDS = 60;
    /**
     * Nothing on a landing page runs but our own scripts (multi-step forms, time on page), allowed by
     * their hashes: what the cleaning might miss, the browser refuses.
     */
    private static final String POLICY = "script-src " + FormPages.SCRIPT_SOURCE + " " + PageDwell.SCRIPT_SOURCE
            + "; object-src 'none'; base-uri 'none'";

    private final DefinitionsCache definitions;
    private final Supplier<String> baseUrl;
    private final FormEmbedHandler forms;
    private final ContactStore contacts;
    private final Function<RoutingContext, String> device;
    private final Function<RoutingContext, String> deviceOrNew;
    private final HitCounters counters;
    private final Clock clock;
    private volatile Pages pages = new Pages(-1, Map.of(), Map.of(), Map.of());

    /**
     * {@code device}: the request's device id, or null; {@code deviceOrNew}: the same, minted (with
     * its cookie) for a new visitor, whom an A/B test must keep in one variant.
     */
    LandingPageHandler(DefinitionsCache definitions, Supplier<String> baseUrl, FormEmbedHandler forms, ContactStore contacts,
                       Function<RoutingContext, String> device, Function<RoutingContext, String> deviceOrNew, HitCounters counters, Clock clock) {
        this.definitions = definitions;
        this.baseUrl = baseUrl;
        this.forms = forms;
        this.contacts = contacts;
        this.device = device;
        this.deviceOrNew = deviceOrNew;
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Pages current = pages();
        JsonObject asked = current.byAlias.get(ctx.pathParam("alias"));
        if (asked == null) {
            ctx.next();
            return;
        }
        Instant now = clock.instant();
        if (!live(asked, now)) {
            Responses.error(ctx, 404, "page /" + asked.getString("alias") + " is not published");
            return;
        }
        List<JsonObject> versions = current.translations.getOrDefault(asked.getString("id"), List.of()).stream().filter(p -> live(p, now)).toList();
        List<JsonObject> variants = current.variants.getOrDefault(asked.getString("id"), List.of()).stream().filter(p -> live(p, now)).toList();
        JsonObject page = !variants.isEmpty() ? PageVariants.pick(asked, variants, deviceOrNew.apply(ctx))
                : versions.isEmpty() ? asked : inLanguage(asked, versions, ctx.acceptableLanguages());
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Content-Security-Policy", POLICY);
        if (!versions.isEmpty()) {
            ctx.response().putHeader("Vary", "Accept-Language");
        }
        if (page.getString("language") != null) {
            ctx.response().putHeader("Content-Language", page.getString("language"));
        }
        Rendered shared = current.shared(page, this::prepare);
        if (shared != null && !variants.isEmpty()) { // the same for all in its variant, but which variant is the visitor's own
            ctx.response().putHeader("Cache-Control", "private, no-store").end(shared.body);
            return;
        }
        if (shared != null) {
            ctx.response().putHeader("ETag", shared.etag)
                    .putHeader("Cache-Control", "public, max-age=" + maxAge(page, now));
            if (shared.etag.equals(ctx.request().getHeader("If-None-Match"))) {
                ctx.response().setStatusCode(304).end();
            } else {
                ctx.response().end(shared.body);
            }
            return;
        }
        PageRenderer.Prepared prepared = current.prepared(page, this::prepare);
        ctx.response().putHeader("Cache-Control", "private, no-store");
        ProgressiveProfiling.fieldsOf(contacts, device.apply(ctx), "Page " + page.getString("id")).onSuccess(contact -> ctx.response().end(prepared.render(contact, id -> formMarkup(id, contact, page.getString("id")))));
    }

    /**
     * {@code POST /api/v1/pages/preview} with a page definition, stored or not (the app's editor):
     * {@code {"html"}}, the page as a stranger would be served it, cleaned, without the tracking pixel.
     */
    void preview(RoutingContext ctx) {
        JsonObject page;
        try {
            page = ctx.body().asJsonObject();
        } catch (io.vertx.core.json.DecodeException e) {
            page = null;
        }
        if (page == null || !(page.getValue("content") instanceof String)) {
            Responses.badRequest(ctx, "a JSON object with the page's content (a string)");
            return;
        }
        String html = prepare(page.copy().put("alias", page.getString("alias", "")), false).render(Map.of(), id -> formMarkup(id, Map.of(), null));
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("html", html).encode());
    }

    private PageRenderer.Prepared prepare(JsonObject page) {
        return prepare(page, true);
    }

    private PageRenderer.Prepared prepare(JsonObject page, boolean tracked) {
        return PageRenderer.prepare(page, baseUrl.get(), id -> {
            JsonObject linked = definitions.get(KIND, id).orElse(null);
            return linked == null ? null : baseUrl.get() + "/" + linked.getString("alias");
        }, tracked);
    }

    /** The page with the browser's most preferred language, by full tag then by its first part; else the page asked for. */
    private static JsonObject inLanguage(JsonObject asked, List<JsonObject> translations, List<LanguageHeader> accepted) {
        List<JsonObject> all = new ArrayList<>();
        all.add(asked);
        all.addAll(translations);
        for (LanguageHeader wanted : accepted) {
            for (JsonObject p : all) {
                if (wanted.value().equalsIgnoreCase(p.getString("language", ""))) {
                    return p;
                }
            }
            for (JsonObject p : all) {
                String language = p.getString("language", "");
                if (!language.isEmpty() && wanted.tag().equalsIgnoreCase(language.split("-")[0])) {
                    return p;
                }
            }
        }
        return asked;
    }

    /** {@code pageId}: the page it is on (null: none, a preview), posted with it so the page's submissions are counted. */
    private String formMarkup(String id, Map<String, String> contact, String pageId) {
        return definitions.get("forms", id).map(form -> {
            org.jsoup.nodes.Element markup = forms.markup(id, form, contact);
            if (pageId != null) {
                markup.appendElement("input").attr("type", "hidden").attr("name", "mauticform[" + FormSubmitHandler.PAGE + "]").attr("value", pageId);
            }
            return FormPages.html(markup);
        }).orElse(null);
    }

    /** {@code GET /page/{id}/view.gif}: the page's pixel counts a view of it (the variant shown), then is a tracker hit. */
    Handler<RoutingContext> viewCounter(Handler<RoutingContext> pixel) {
        return ctx -> {
            String id = ctx.pathParam("id");
            if (definitions.get(KIND, id).isPresent()) {
                counters.count(KIND, id, "view");
            }
            pixel.handle(ctx);
        };
    }

    /**
     * {@code GET /api/v1/pages/{id}/stats}: views, form submissions and time on the page, and the same
     * of each of its A/B variants with the one leading by the test's criterion: the most submissions
     * per view ({@code submissions}) or the longest average time on the page ({@code dwellTime}).
     */
    void stats(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        JsonObject page = definitions.get(KIND, id).orElse(null);
        if (page == null) {
            Responses.error(ctx, 404, "no page " + (id == null ? "" : id.substring(0, Math.min(64, id.length()))));
            return;
        }
        List<JsonObject> tested = new ArrayList<>();
        tested.add(page);
        tested.addAll(pages().variants.getOrDefault(id, List.of()));
        List<Future<JsonObject>> reads = tested.stream().map(p -> counters.read(KIND, p.getString("id")).map(c -> {
            long views = c.getOrDefault("view", 0L);
            long submissions = c.getOrDefault("submission", 0L);
            long dwells = c.getOrDefault("dwell", 0L);
            return new JsonObject().put("page", p.getString("id")).put("weight", p.getInteger("weight", null)).put("views", views)
                    .put("submissions", submissions).put("submissionRate", Rates.of(submissions, views)).put("dwells", dwells)
                    .put("averageDwellSeconds", dwells == 0 ? 0.0 : Math.round(c.getOrDefault("dwell_ms", 0L) / (double) dwells / 100) / 10.0);
        })).toList();
        Future.all(reads).onFailure(e -> Responses.unavailable(ctx, e)).onSuccess(all -> {
            JsonObject own = reads.get(0).result().copy();
            if (reads.size() > 1) {
                io.vertx.core.json.JsonArray variants = new io.vertx.core.json.JsonArray();
                reads.stream().skip(1).forEach(r -> variants.add(r.result()));
                String criterion = page.getString("winnerCriterion", "submissions");
                boolean dwell = criterion.equals("dwellTime");
                own.put("variants", variants).put("winnerCriterion", criterion);
                reads.stream().map(Future::result).filter(r -> r.getLong(dwell ? "dwells" : "views") > 0)
                        .max(java.util.Comparator.comparingDouble((JsonObject r) -> r.getDouble(dwell ? "averageDwellSeconds" : "submissionRate")))
                        .ifPresent(best -> own.put("leader", best.getString("page")));
            }
            Responses.json(ctx, own);
        });
    }

    static boolean live(JsonObject page, Instant now) {
        if (!page.getBoolean("published", true)) {
            return false;
        }
        Instant up = time(page, "publishUp");
        Instant down = time(page, "publishDown");
        return (up == null || !now.isBefore(up)) && (down == null || now.isBefore(down));
    }

    private static long maxAge(JsonObject page, Instant now) {
        Instant down = time(page, "publishDown");
        return down == null ? MAX_AGE_SECONDS : Math.max(0, Math.min(MAX_AGE_SECONDS, down.getEpochSecond() - now.getEpochSecond()));
    }

    private static Instant time(JsonObject page, String key) {
        String at = page.getString(key);
        return at == null ? null : OffsetDateTime.parse(at).toInstant();
    }

    /** The pages of one version of the definitions, with what was built from them since. */
    private Pages pages() {
        long version = definitions.version();
        Pages current = pages;
        if (current.version != version) {
            Map<String, JsonObject> byAlias = new HashMap<>();
            Map<String, List<JsonObject>> translations = new HashMap<>();
            Map<String, List<JsonObject>> variants = new HashMap<>();
            definitions.all(KIND).values().forEach(p -> {
                byAlias.put(p.getString("alias"), p);
                String parent = p.getString("translationOf");
                if (parent != null) {
                    translations.computeIfAbsent(parent, k -> new ArrayList<>()).add(p);
                }
                String original = p.getString("variantOf");
                if (original != null) {
                    variants.computeIfAbsent(original, k -> new ArrayList<>()).add(p);
                }
            });
            current = new Pages(version, byAlias, translations, variants);
            pages = current;
        }
        return current;
    }

    /** A page's bytes and their tag. */
    private record Rendered(Buffer body, String etag) {}

    private final class Pages {
        private final long version;
        private final Map<String, JsonObject> byAlias;
        private final Map<String, List<JsonObject>> translations;
        private final Map<String, List<JsonObject>> variants;
        private final Map<String, PageRenderer.Prepared> prepared = new ConcurrentHashMap<>();
        /** By page id; absent until asked, {@link #PERSONAL} for a page rendered per visit. */
        private final Map<String, Rendered> shared = new ConcurrentHashMap<>();

        Pages(long version, Map<String, JsonObject> byAlias, Map<String, List<JsonObject>> translations, Map<String, List<JsonObject>> variants) {
            this.version = version;
            this.byAlias = byAlias;
            this.translations = translations;
            this.variants = variants;
        }

        PageRenderer.Prepared prepared(JsonObject page, Function<JsonObject, PageRenderer.Prepared> prepare) {
            return prepared.computeIfAbsent(page.getString("id"), id -> prepare.apply(page));
        }

        /** The page as everyone gets it, or null when it is the visitor's own. */
        Rendered shared(JsonObject page, Function<JsonObject, PageRenderer.Prepared> prepare) {
            Rendered r = shared.computeIfAbsent(page.getString("id"), id -> {
                PageRenderer.Prepared p = prepared(page, prepare);
                boolean personalForm = p.forms().stream().anyMatch(f -> definitions.get("forms", f).map(ProgressiveProfiling::personal).orElse(false));
                if (p.personal() || personalForm) {
                    return PERSONAL;
                }
                byte[] html = p.render(Map.of(), form -> formMarkup(form, Map.of(), page.getString("id"))).getBytes(StandardCharsets.UTF_8);
                return new Rendered(Buffer.buffer(html), "\"" + sha256(html) + "\"");
            });
            return r == PERSONAL ? null : r;
        }
    }

    private static final Rendered PERSONAL = new Rendered(Buffer.buffer(), "");

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
