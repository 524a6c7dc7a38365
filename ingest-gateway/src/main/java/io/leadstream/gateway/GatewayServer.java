package io.leadstream.gateway;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.email.SignedTokens;
import io.leadstream.common.ids.IdentityOptions;
import io.leadstream.email.LinkOptions;
import io.leadstream.gateway.assets.AssetStore;
import io.leadstream.gateway.assets.AssetTokens;
import io.leadstream.gateway.assets.AssetUploadApi;
import io.leadstream.gateway.auth.AccessTokens;
import io.leadstream.gateway.auth.AppSessions;
import io.leadstream.gateway.auth.AuthHandler;
import io.leadstream.gateway.auth.AuthOptions;
import io.leadstream.gateway.auth.Authenticator;
import io.leadstream.gateway.auth.LoginThrottle;
import io.leadstream.gateway.auth.SessionEndpoint;
import io.leadstream.gateway.auth.TokenEndpoint;
import io.leadstream.gateway.auth.UserStore;
import io.leadstream.gateway.auth.UsersApi;
import io.leadstream.gateway.companies.Companies;
import io.leadstream.gateway.contacts.ContactActions;
import io.leadstream.gateway.contacts.ContactDetailsApi;
import io.leadstream.gateway.contacts.ContactListApi;
import io.leadstream.gateway.contacts.ContactStore;
import io.leadstream.gateway.contacts.ContactsApi;
import io.leadstream.gateway.contacts.FormResultsApi;
import io.leadstream.gateway.contacts.SegmentsApi;
import io.leadstream.gateway.contacts.StatsApi;
import io.leadstream.gateway.contacts.StatsStore;
import io.leadstream.gateway.contacts.WebhookCallsApi;
import io.leadstream.gateway.definitions.CampaignDryRunApi;
import io.leadstream.gateway.definitions.CampaignDryRuns;
import io.leadstream.gateway.definitions.CheckedDefinitions;
import io.leadstream.gateway.definitions.DefinitionsApi;
import io.leadstream.gateway.definitions.DefinitionsCache;
import io.leadstream.gateway.definitions.SegmentPreviewApi;
import io.leadstream.gateway.definitions.SegmentPreviews;
import io.leadstream.gateway.dwc.DynamicContentHandler;
import io.leadstream.gateway.emails.SegmentEmailSends;
import io.leadstream.gateway.imports.ImportsApi;
import io.leadstream.gateway.mautic.MauticApi;
import io.leadstream.gateway.mautic.MauticReplies;
import io.leadstream.gateway.preferences.PreferenceCenter;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ingest gateway: Mautic-compatible HTTP routes in front of the Kafka publisher. */
public final class GatewayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private final LeadStreamConfig config;
    private final Vertx vertx;
    private final EventPublisher publisher;
    private final DefinitionsCache definitions;
    private final DefinitionsApi definitionsApi;
    private final ContactStore contacts;
    private final SegmentsApi segmentsApi;
    private final ImportsApi importsApi;
    private final ContactsApi contactsApi;
    private final GatewayMetrics metrics;
    private final RejectedValues rejectedValues;
    private final FieldAdmission fieldAdmission;
    private final SignedTokens tokens;
    private final EmailRenderers emailRenderers;
    private final ClientInfo clientInfo;
    private final String tokenSecret;
    private final UserStore users;
    private final Authenticator authenticator;
    private final AppSessions sessions;
    private final Router router;
    private volatile int port;
    private CorsHandler cors;
    private final CampaignDryRunApi dryRuns;
    private final SegmentPreviewApi segmentPreviews;
    private final MauticApi mauticApi;
    private final ContactActions contactActions;
    private final Companies companies;
    private final SegmentEmailSends segmentSends;
    private GatewayProbes probes;

    public GatewayServer(LeadStreamConfig config) {
        this.config = config;
        this.metrics = new GatewayMetrics();
        this.vertx = metrics.newVertx();
        this.publisher = new EventPublisher(vertx, config);
        metrics.watchInFlight(publisher::inFlight);
        this.definitions = new DefinitionsCache(config);
        CheckedDefinitions checked = new CheckedDefinitions(definitions, java.util.Arrays.stream(config.get(IdentityOptions.IDENTIFIER_FIELDS).split(","))
                .map(String::strip).filter(f -> !f.isEmpty()).collect(java.util.stream.Collectors.toSet()));
        this.definitionsApi = new DefinitionsApi(vertx, config, checked);
        // Connects to Cassandra on the first contacts request, never at start: tracking does not wait for it.
        this.contacts = config.get(GatewayOptions.CONTACTS_API) ? new ContactStore(config) : null;
        this.segmentsApi = new SegmentsApi(config, contacts, definitions);
        this.rejectedValues = new RejectedValues(config);
        this.fieldAdmission = new FieldAdmission(definitions, rejectedValues, metrics);
        this.importsApi = new ImportsApi(vertx, config, contacts, definitions, fieldAdmission);
        this.contactsApi = new ContactsApi(vertx, config, contacts, publisher);
        this.dryRuns = new CampaignDryRunApi(checked);
        this.segmentPreviews = new SegmentPreviewApi(vertx, checked);
        this.contactActions = contacts == null ? null : new ContactActions(config, publisher, fieldAdmission, "api");
        this.companies = Companies.create(config, contacts, fieldAdmission::companyField);
        // Both APIs start segment emails' sends through this one, so a send is started once whichever is asked.
        this.segmentSends = contacts == null ? null : new SegmentEmailSends(definitions, definitionsApi, new StatsStore(contacts), Clock.systemUTC());
        this.mauticApi = contacts == null ? null : new MauticApi(contacts, contactsApi, definitions, definitionsApi, contactActions.via("mautic-api"),
                checked.identifierFields(), companies.via("mautic-api"), segmentSends);
        Responses.metrics(metrics);
        String secret = TokenSecrets.of(config);
        this.tokenSecret = secret;
        this.tokens = new SignedTokens(secret);
        this.emailRenderers = new EmailRenderers(config, tokens, checked.catalog(), this::baseUrl);
        this.clientInfo = new ClientInfo(config);
        this.users = contacts == null ? null : new UserStore(contacts, config.get(AuthOptions.CREDENTIALS_CACHE));
        this.authenticator = new Authenticator(vertx, config.get(GatewayOptions.API_TOKEN), config.get(GatewayOptions.API_READ_TOKENS), users,
                new AccessTokens(secret, config.get(AuthOptions.ACCESS_TOKEN_TTL), Clock.systemUTC()),
                new LoginThrottle(config.get(AuthOptions.MAX_FAILURES_PER_USER), config.get(AuthOptions.MAX_FAILURES_PER_IP),
                        config.get(AuthOptions.LOCK_DURATION), Clock.systemUTC()), config.get(AuthOptions.CREDENTIALS_CACHE));
        this.sessions = new AppSessions(config.get(AuthOptions.SESSION_IDLE_TIMEOUT), config.get(AuthOptions.SESSION_MAX_AGE), Clock.systemUTC());
        this.router = Router.router(vertx);
        routes();
    }

    /** The bare path to its folder; the route also matches the folder itself, which goes on. */
    private static Handler<RoutingContext> toFolder(String folder) {
        return ctx -> {
            if (ctx.request().path().endsWith("/")) {
                ctx.next();
            } else {
                ctx.redirect(folder);
            }
        };
    }

   private void routes() {
        TrackingEvents events = new TrackingEvents(Clock.systemUTC(), clientInfo, fieldAdmission, new DeviceIds(tokenSecret));
        InputLimits limits = new InputLimits(config);
        int bodyLimit = config.get(GatewayOptions.MAX_BODY_BYTES);
        FailureHandler failures = new FailureHandler();
        router.route().failureHandler(failures);
        router.errorHandler(500, failures);

        router.get("/mtc.js").handler(ClasspathResource.trackerScript());
        router.get("/mtracking.gif").handler(limits).handler(PageHitHandler.pixel(publisher, events, metrics));
        router.route("/mtc/event").handler(ctx -> cors().handle(ctx));
        router.route("/mtc").handler(ctx -> cors().handle(ctx));
        router.route("/form/submit/ajax").handler(ctx -> cors().handle(ctx)); // Mautic's form script posts from the site's own pages
        router.route("/video/hit").handler(ctx -> cors().handle(ctx));
        router.route("/dwc/*").handler(ctx -> cors().handle(ctx));
        router.get("/dwc/:slot").handler(new DynamicContentHandler(definitions, contacts,
                ctx -> events.devices().fromRequest(ctx.request())));
        router.get("/mtc").handler(limits).handler(ctx -> PageHitHandler.contact(events, ctx));
        ContentTypeGuard formTypes = ContentTypeGuard.allow("application/x-www-form-urlencoded", "multipart/form-data");
        ContentTypeGuard trackerTypes = ContentTypeGuard.allow("application/x-www-form-urlencoded", "application/json", "text/plain");
        ContentTypeGuard jsonType = ContentTypeGuard.allow("application/json");
        router.post("/mtc/event").handler(trackerTypes).handler(RequestBodies.limited(bodyLimit)).handler(limits).handler(PageHitHandler.tracker(publisher, events, metrics));
        AssetTokens assetTokens = new AssetTokens(tokenSecret);
        FormFiles formFiles = new FormFiles(vertx, FormFiles.dir(config));
        HitCounters counters = new HitCounters(contacts);
        FormSubmitHandler forms = new FormSubmitHandler(publisher, events, definitions, metrics, contacts, assetTokens, this::baseUrl, formFiles,
                counters);
        Handler<RoutingContext> formBody = RequestBodies.form(bodyLimit, config.get(GatewayOptions.FORM_UPLOAD_MAX_BYTES));
        router.post("/form/submit").handler(formTypes).handler(formBody).handler(limits).handler(forms);
        router.post("/form/submit/ajax").handler(formTypes).handler(formBody).handler(limits).handler(forms);
        VideoHitHandler videos = new VideoHitHandler(publisher, events, metrics);
        router.post("/video/hit").handler(trackerTypes).handler(RequestBodies.limited(bodyLimit)).handler(limits).handler(videos);
        router.get("/video/hit").handler(limits).handler(videos);

        EmailTrackingHandlers email = new EmailTrackingHandlers(publisher, events, tokens, metrics);
        FormEmbedHandler embeds = new FormEmbedHandler(definitions, this::baseUrl, contacts, ctx -> events.devices().fromRequest(ctx.request()),
                alias -> fieldAdmission.publiclyUpdatable(alias));
        router.get("/form/embed/:id").handler(embeds::page);
        router.get("/form/generate.js").handler(embeds::script);
        // A browser's GET of the unsubscribe link opens the preference center (its POST stays the one-click unsubscribe); without the
        // contacts store, the plain confirmation page.
        PreferenceCenter preferences = contactActions == null ? null : new PreferenceCenter(tokens, definitions, contacts,
                contactActions.via("preference-center"), Clock.systemUTC(), () -> metrics.rejected("bad token"), email::unsubscribePage);
        router.get("/email/unsubscribe/:token").handler(preferences == null ? email::unsubscribePage : preferences::page);
        if (preferences != null) {
            router.post("/email/preferences/:token").handler(formTypes).handler(RequestBodies.limited(16384)).handler(preferences::save);
        }
        router.get("/email/view/:token").handler(new WebViewHandler(tokens, definitions, contacts, emailRenderers, metrics));
        router.post("/email/unsubscribe/:token").handler(formTypes).handler(RequestBodies.limited(4096)).handler(email::unsubscribe);
        router.getWithRegex("/email/(?<token>[A-Za-z0-9_.-]{1,4096})\\.gif").handler(email::open);
        router.get("/r/:token").handler(email::click);
        AssetStore assetFiles = AssetStore.from(vertx, config);
        router.get("/asset/:id").handler(new AssetHandler(publisher, events, definitions, metrics, assetFiles, assetTokens, contacts, embeds,
                Clock.systemUTC()));
        FocusHandler focus = new FocusHandler(definitions, this::baseUrl, publisher, events, metrics, counters);
        router.route("/focus/*").handler(ctx -> cors().handle(ctx)); // the items' beacons come from the customer's pages
        router.getWithRegex("/focus/(?<id>[A-Za-z0-9_-]{1,64})\\.js").handler(focus::script);
        router.post("/focus/:id/:kind").handler(trackerTypes).handler(RequestBodies.limited(bodyLimit)).handler(limits).handler(focus::beacon);
        // Landing pages at /{alias}: after every route above (their first segments are reserved, PageChecks); an alias that is
        // no page goes on, to the app and to routes added later (the launcher's demo).
        LandingPageHandler pages = new LandingPageHandler(definitions, this::baseUrl, embeds, contacts,
                ctx -> events.devices().fromRequest(ctx.request()), ctx -> events.devices().resolve(ctx.request(), ctx.response()), counters,
                Clock.systemUTC());
        router.get("/page/:id/view.gif").handler(limits).handler(pages.viewCounter(PageHitHandler.pixel(publisher, events, metrics)));
        router.post("/page/:id/dwell").handler(limits).handler(new PageDwell(definitions, counters)::beacon);
        router.getWithRegex("/(?<alias>[a-z0-9][a-z0-9-]{0,63})").handler(pages);

        router.get("/api/v1/openapi.yaml").handler(ClasspathResource.apiDocument()); // public, like any API reference
        router.get("/api/v1/schemas/:kind").handler(ClasspathResource.definitionSchemas(definitionsApi.kinds())); // public too
        router.post("/oauth/v2/token").handler(ContentTypeGuard.allow("application/x-www-form-urlencoded")).handler(RequestBodies.limited(4096))
                .handler(new TokenEndpoint(authenticator, clientInfo::clientIp));
        router.route("/api/v1/*").handler(new AuthHandler(authenticator, clientInfo::clientIp, Responses::error, sessions));
        if (users != null) {
            // The web app's sign-in (docs/app.md): its pages then call /api/v1 with the session's cookie and CSRF token.
            new SessionEndpoint(authenticator, sessions, clientInfo::clientIp, Responses::error).mount(router, jsonType, RequestBodies.limited(4096));
            router.route("/api/v1/users*").handler(jsonType).handler(RequestBodies.limited(4096));
            new UsersApi(users, Responses::error, (ctx, problems) -> Responses.badRequest(ctx, "invalid user", problems)).mount(router);
        }
        router.post("/api/v1/events").handler(jsonType).handler(RequestBodies.limited(bodyLimit * 16)).handler(new ServerEventsHandler(publisher, events, metrics,
                config.get(GatewayOptions.MAX_BATCH_EVENTS), config.get(GatewayOptions.MAX_FIELD_LENGTH)));
        router.post("/api/v1/contacts/:id/tags").handler(jsonType).handler(RequestBodies.limited(bodyLimit));
        router.patch("/api/v1/contacts/:id").handler(jsonType).handler(RequestBodies.limited(bodyLimit));
        new ContactListApi(contacts).mount(router); // before /api/v1/contacts/:id
        new ContactDetailsApi(contacts, contactActions, fieldAdmission).mount(router);
        router.get("/api/v1/focus/:id/stats").handler(focus::stats);
        router.get("/api/v1/pages/:id/stats").handler(pages::stats);
        router.get("/api/v1/forms/:id/files/:file").handler(formFiles::download);
        router.post("/api/v1/pages/preview").handler(jsonType).handler(RequestBodies.limited(bodyLimit * 16)).handler(pages::preview);
        new EmailApis(contacts, definitions, contactActions, emailRenderers, segmentSends).mount(router, jsonType, bodyLimit);
        new FormResultsApi(contacts, definitions).mount(router);
        router.put("/api/v1/assets/:id/file").handler(ContentTypeGuard.anyType())
                .handler(new AssetUploadApi(vertx, config, assetFiles, definitions, definitionsApi)::upload);
        contactsApi.mount(router); // before /api/v1/:kind/:id, which would match /api/v1/contacts/{id}
        companies.api().mount(router, jsonType, RequestBodies.limited(bodyLimit)); // before /api/v1/:kind/:id too
        router.post("/api/v1/segments/preview").handler(jsonType).handler(RequestBodies.limited(bodyLimit * 4)).handler(segmentPreviews::handle);
        segmentsApi.mount(router);
        router.post("/api/v1/imports").handler(ContentTypeGuard.allow("text/csv", "text/plain", "application/csv", "application/vnd.ms-excel"));
        importsApi.mount(router);
        new StatsApi(contacts, definitions).mount(router);
        new WebhookCallsApi(contacts, definitions).mount(router);
        router.post("/api/v1/bounces").handler(ContentTypeGuard.anyType()).handler(RequestBodies.limited(bodyLimit * 16)).handler(new BounceHandler(publisher, events, contacts, metrics));
        router.post("/api/v1/campaigns/:id/dry-run").handler(ContentTypeGuard.anyType()).handler(RequestBodies.limited(bodyLimit * 4)).handler(dryRuns::handle);
        router.get("/api/v1/:kind").handler(definitionsApi::list);
        router.get("/api/v1/:kind/:id").handler(definitionsApi::get);
        router.put("/api/v1/:kind/:id").handler(jsonType).handler(RequestBodies.limited(bodyLimit * 4)).handler(definitionsApi::put);
        router.delete("/api/v1/:kind/:id").handler(definitionsApi::delete);
        if (mauticApi != null) { // Mautic's REST API beside ours: its clients work unchanged (docs/mautic-api.md)
            mauticApi.mount(router, new AuthHandler(authenticator, clientInfo::clientIp, MauticReplies::error),
                    ContentTypeGuard.allow("application/json", "application/x-www-form-urlencoded").answering(MauticReplies::error), RequestBodies.limited(bodyLimit * 4));
        }

        // The web app: static pages calling only /api/v1, signed in with /app/session (docs/app.md).
        AppPages.mount(router, toFolder("/app/"));

        probes = GatewayProbes.mount(router, vertx, config, publisher, metrics, contacts);
    }

    /**
     * Credentialed CORS for the configured origins plus our own; never a wildcard. Built on first
     * use because our own origin includes the port, known only once the server listens.
     */
    private synchronized CorsHandler cors() {
        if (cors == null) {
            cors = buildCors();
        }
        return cors;
    }

    private CorsHandler buildCors() {
        List<String> origins = new ArrayList<>();
        Arrays.stream(config.get(GatewayOptions.CORS_ALLOWED_ORIGINS).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).forEach(origins::add);
        origins.add(baseUrl());
        return CorsHandler.create().addOrigins(origins).allowCredentials(true)
                .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.OPTIONS))
                .allowedHeaders(Set.of("Origin", "X-Requested-With", "Content-Type", "Authorization")); // what Mautic's tracker may send
    }

    /** Who runs campaign dry runs; without one the API answers 501 (the gateway has no engine of its own). */
    public GatewayServer campaignDryRuns(CampaignDryRuns runner) {
        dryRuns.runner(runner);
        return this;
    }

    /** Who counts segment previews; without one the API answers 501 (as for dry runs). */
    public GatewayServer segmentPreviews(SegmentPreviews runner) {
        segmentPreviews.runner(runner);
        return this;
    }

    public Router router() {
        return router;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Signs email tracking links with this gateway's key (send workers use the same key). */
    public SignedTokens tokens() {
        return tokens;
    }

    public GatewayServer start() {
        publisher.warmUp(Duration.ofSeconds(60));
        definitions.start().awaitCaughtUp(Duration.ofSeconds(60));
        int configured = config.get(GatewayOptions.PORT);
        port = configured > 0 ? configured : freePort();
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.get(GatewayOptions.HOST))
                .setPort(port)
                .setMaxHeaderSize(config.get(GatewayOptions.MAX_HEADER_BYTES))
                .setMaxInitialLineLength(config.get(GatewayOptions.MAX_FIELD_LENGTH) * 2)
                .setMaxFormAttributeSize(config.get(GatewayOptions.MAX_FIELD_LENGTH))
                .setMaxFormFields(config.get(GatewayOptions.MAX_PARAMS))
                .setCompressionSupported(true)
                // No h2c upgrade on plain HTTP: Java's HttpClient asks for one by default, and once read an upgraded
                // answer's bytes (the 67 KB OpenAPI document) as HTTP/2 frames (ApiContractIT, a full run on 2026-12-05).
                .setHttp2ClearTextEnabled(false);
        String keystore = config.get(GatewayOptions.TLS_KEYSTORE);
        if (!keystore.isBlank()) {
            options.setSsl(true).setKeyCertOptions(new io.vertx.core.net.PfxOptions().setPath(keystore)
                    .setPassword(config.get(GatewayOptions.TLS_KEYSTORE_PASSWORD)));
        }
        // One server per event loop on the same port: Vert.x spreads connections across them.
        // A single server created outside a verticle would run every connection on one thread.
        int instances = Math.max(1, config.get(GatewayOptions.EVENT_LOOPS));
        try {
            vertx.deployVerticle(() -> new VerticleBase() {
                @Override
                public Future<?> start() {
                    return vertx.createHttpServer(options).requestHandler(router).listen();
                }
            }, new DeploymentOptions().setInstances(instances)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("Gateway cannot listen on " + options.getHost() + ":" + options.getPort(), e);
        }
        LOG.info("Gateway listening on {} ({} event loops)", baseUrl(), instances);
        return this;
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("No free port", e);
        }
    }

    public int port() {
        return port > 0 ? port : config.get(GatewayOptions.PORT);
    }

    /** The public URL when configured, else http(s)://localhost:PORT. */
    public String baseUrl() {
        String publicUrl = config.get(LinkOptions.PUBLIC_URL);
        String scheme = config.get(GatewayOptions.TLS_KEYSTORE).isBlank() ? "http" : "https";
        return publicUrl.isBlank() ? scheme + "://localhost:" + port() : publicUrl.replaceAll("/+$", "");
    }

    @Override
    public void close() {
        definitions.close();
        definitionsApi.close();
        segmentsApi.close();
        segmentPreviews.close();
        importsApi.close();
        contactsApi.close();
        if (mauticApi != null) {
            mauticApi.close();
            contactActions.close();
            companies.close();
        }
        if (contacts != null) {
            contacts.close();
        }
        probes.close();
        publisher.close();
        rejectedValues.close();
        try {
            // Closing Vert.x undeploys the server verticles and closes their listeners.
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Closing Vert.x: {}", e.toString());
        }
    }
}
