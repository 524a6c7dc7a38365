package io.leadstream.gateway;

import io.leadstream.common.ids.IdentityIds;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /{alias}}: a landing page (definition kind {@code pages}), from memory. A page the same
 * for everyone is rendered once per change of the definitions and answered with an ETag and a
 * public cache lifetime (shorter near its publish-down time); one showing the visitor's contact
 * fields, or a form that depends on the contact, is rendered per visit and never cached. At a page
 * with translations, the browser's preferred language picks the one shown. An alias that is no
 * published page goes on to the routes after this one (404 at the end).
 */
final class LandingPageHandler implements Handler<RoutingContext> {
    static final String KIND = "pages";
    private static final Logger LOG = LoggerFactory.getLogger(LandingPageHandler.class);
    private static final int MAX_AGE_SECONDS = 60;
    /** Nothing on a landing page runs: what the cleaning might miss, the browser refuses. */
    private static final String POLICY = "script-src 'none'; object-src 'none'; base-uri 'none'";

    private final DefinitionsCache definitions;
    private final Supplier<String> baseUrl;
    private final FormEmbedHandler forms;
    private final ContactStore contacts;
    private final Function<RoutingContext, String> device;
    private final Clock clock;
    private volatile Pages pages = new Pages(-1, Map.of(), Map.of());

    LandingPageHandler(DefinitionsCache definitions, Supplier<String> baseUrl, FormEmbedHandler forms, ContactStore contacts,
                       Function<RoutingContext, String> device, Clock clock) {
        this.definitions = definitions;
        this.baseUrl = baseUrl;
        this.forms = forms;
        this.contacts = contacts;
        this.device = device;
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
        JsonObject page = versions.isEmpty() ? asked : inLanguage(asked, versions, ctx.acceptableLanguages());
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Content-Security-Policy", POLICY);
        if (!versions.isEmpty()) {
            ctx.response().putHeader("Vary", "Accept-Language");
        }
        if (page.getString("language") != null) {
            ctx.response().putHeader("Content-Language", page.getString("language"));
        }
        Rendered shared = current.shared(page, this::prepare);
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
        known(ctx, page).onSuccess(contact -> ctx.response().end(prepared.render(contact, id -> formMarkup(id, contact))));
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
        String html = prepare(page.copy().put("alias", page.getString("alias", "")), false).render(Map.of(), id -> formMarkup(id, Map.of()));
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

    /** The fields of the visitor's contact; none for a stranger, or while the store cannot answer (the page is still shown). */
    private Future<Map<String, String>> known(RoutingContext ctx, JsonObject page) {
        String deviceId = device.apply(ctx);
        if (contacts == null || deviceId == null) {
            return Future.succeededFuture(Map.of());
        }
        return Future.fromCompletionStage(contacts.profile(IdentityIds.anon(deviceId)))
                .map(p -> p.map(ContactStore.Profile::fields).orElse(Map.<String, String>of()))
                .recover(e -> {
                    LOG.warn("Page {}: the visitor's contact cannot be read now ({}); shown as to a stranger", page.getString("id"), e.toString());
                    return Future.succeededFuture(Map.of());
                });
    }

    private String formMarkup(String id, Map<String, String> contact) {
        return definitions.get("forms", id).map(form -> forms.markup(id, form, contact).outerHtml()).orElse(null);
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
            definitions.all(KIND).values().forEach(p -> {
                byAlias.put(p.getString("alias"), p);
                String parent = p.getString("translationOf");
                if (parent != null) {
                    translations.computeIfAbsent(parent, k -> new ArrayList<>()).add(p);
                }
            });
            current = new Pages(version, byAlias, translations);
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
        private final Map<String, PageRenderer.Prepared> prepared = new ConcurrentHashMap<>();
        /** By page id; absent until asked, {@link #PERSONAL} for a page rendered per visit. */
        private final Map<String, Rendered> shared = new ConcurrentHashMap<>();

        Pages(long version, Map<String, JsonObject> byAlias, Map<String, List<JsonObject>> translations) {
            this.version = version;
            this.byAlias = byAlias;
            this.translations = translations;
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
                byte[] html = p.render(Map.of(), form -> formMarkup(form, Map.of())).getBytes(StandardCharsets.UTF_8);
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
