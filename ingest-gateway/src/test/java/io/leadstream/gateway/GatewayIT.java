package io.leadstream.gateway;

import static io.leadstream.gateway.GatewayFixture.enc;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.common.config.CassandraOptions;
import io.leadstream.common.email.EmailToken;
import io.leadstream.common.email.SignedTokens;
import io.leadstream.schemas.event.AssetDownload;
import io.leadstream.schemas.event.CustomEvent;
import io.leadstream.schemas.event.EmailClick;
import io.leadstream.schemas.event.EmailOpen;
import io.leadstream.schemas.event.EmailUnsubscribe;
import io.leadstream.schemas.event.FormSubmission;
import io.leadstream.schemas.event.Identification;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.stack.DashboardQueries;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every gateway endpoint through real Kafka: what is published, and what is refused. */
@ExtendWith(LeadStreamStackExtension.class)
class GatewayIT {
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";
    private static final String UA = "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0";

    @Test
    void pixelAndTrackerPublishPageHitsWithMauticParameters(TestNamespace ns) throws Exception {
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c)) {
            HttpResponse<String> pixel = gw.get("/mtracking.gif?page_url=" + enc("https://shop.example/p?utm_source=news&utm_medium=mail")
                    + "&page_title=Shop&page_referrer=" + enc("https://ref.example/") + "&page_language=fr-FR&timezone=Europe%2FParis"
                    + "&resolution=1920x1080&platform=Linux&counter=3&utm_campaign=spring&email=ada%40example.com&firstname=Ada&preferred_locale=fr-fr",
                    "Cookie", "mautic_device_id=devpixel01", "User-Agent", UA);
            assertThat(pixel.statusCode()).isEqualTo(200);

            // A device id sent back in the body (cookies blocked) is taken only when the gateway signed it: an
            // unsigned one is a stranger's guess, answered with a new device.
            String minted = new JsonObject(gw.get("/mtc").body()).getString("device_id");
            assertThat(minted).matches("[0-9a-f]{24}-[A-Za-z0-9_-]{12}");
            JsonObject guessed = new JsonObject(gw.post("/mtc/event", JSON, new JsonObject().put("page_url", "https://shop.example/guess")
                    .put("mautic_device_id", "devjson001").encode()).body());
            assertThat(guessed.getString("device_id")).isNotEqualTo("devjson001");
            HttpResponse<String> json = gw.post("/mtc/event", JSON,
                    new JsonObject().put("page_url", "https://shop.example/json").put("mautic_device_id", minted)
                            .put("lastname", "Lovelace").encode(), "User-Agent", UA);
            assertThat(json.statusCode()).isEqualTo(200);
            JsonObject reply = new JsonObject(json.body());
            assertThat(reply.fieldNames()).containsExactlyInAnyOrder("id", "sid", "device_id", "events", "success");
            assertThat(reply.getString("device_id")).isEqualTo(minted);
            assertThat(reply.getString("sid")).as("Mautic's tracker keeps it and sends it back").isEqualTo(minted);
            assertThat(reply.getString("id")).as("the contact the device's hits go to").isEqualTo(io.leadstream.common.ids.IdentityIds.anon(minted));
            assertThat(reply.getInteger("success")).isEqualTo(1);
            assertThat(reply.getJsonObject("events")).isEmpty();

            HttpResponse<String> known = gw.get("/mtc", "Cookie", "mautic_device_id=" + minted);
            assertThat(known.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(known.body()).getMap()).containsEntry("device_id", minted)
                    .containsEntry("id", io.leadstream.common.ids.IdentityIds.anon(minted)).containsEntry("success", 1);
            HttpResponse<String> fresh = gw.get("/mtc");
            assertThat(fresh.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).startsWith("mautic_device_id="));
            assertThat(new JsonObject(fresh.body()).getString("device_id")).isNotBlank();

            HttpResponse<String> form = gw.post("/mtc/event", FORM, "page_url=" + enc("https://shop.example/form") + "&page_title=F",
                    "Cookie", "mautic_device_id=devform001", "User-Agent", UA);
            assertThat(form.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(form.body()).getString("device_id")).isEqualTo("devform001");

            List<TrackingEvent> events = gw.drain();
            assertThat(events).hasSize(4); // the pixel, the guessed device's hit (on a new device), the JSON and the form-encoded hits
            assertThat(events).noneMatch(e -> "devjson001".equals(e.getDeviceId()));
            TrackingEvent p = events.stream().filter(e -> "devpixel01".equals(e.getDeviceId())).findFirst().orElseThrow();
            PageHit hit = (PageHit) p.getPayload();
            assertThat(p.getSource()).isEqualTo(Source.PIXEL);
            assertThat(hit.getTitle()).isEqualTo("Shop");
            assertThat(hit.getReferrer()).isEqualTo("https://ref.example/");
            assertThat(hit.getResolution()).isEqualTo("1920x1080");
            assertThat(hit.getPlatform()).isEqualTo("Linux");
            assertThat(hit.getCounter()).isEqualTo(3);
            assertThat(hit.getUtm()).containsEntry("utm_source", "news").containsEntry("utm_medium", "mail").containsEntry("utm_campaign", "spring");
            assertThat(p.getContext().getPageLanguage()).isEqualTo("fr-FR");
            assertThat(p.getContext().getTimezone()).isEqualTo("Europe/Paris");
            assertThat(p.getContext().getTrackable()).isTrue();
            assertThat(p.getContext().getPreferredLocale()).as("the browser's language, for the engine to fill an unknown locale").isEqualTo("fr_FR");
            assertThat(p.getFields()).containsEntry("email", "ada@example.com").containsEntry("firstname", "Ada")
                    .doesNotContainKeys("page_url", "utm_campaign", "counter", "preferred_locale");
            assertThat(events).filteredOn(e -> minted.equals(e.getDeviceId()))
                    .singleElement().satisfies(e -> {
                        assertThat(e.getSource()).isEqualTo(Source.TRACKER);
                        assertThat(e.getFields()).containsEntry("lastname", "Lovelace");
                        assertThat(e.getDeviceId()).isEqualTo(reply.getString("sid"));
                    });
        }
    }

    @Test
    void corsAllowsOnlyConfiguredOrigins(TestNamespace ns) throws Exception {
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c.with(GatewayOptions.CORS_ALLOWED_ORIGINS, "https://www.acme.example"))) {
            HttpResponse<String> preflight = gw.send("OPTIONS", "/mtc/event", FORM, null,
                    "Origin", "https://www.acme.example", "Access-Control-Request-Method", "POST",
                    "Access-Control-Request-Headers", "x-requested-with, content-type");
            assertThat(preflight.statusCode()).isBetween(200, 204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://www.acme.example");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).as("what Mautic's tracker sends")
                    .hasValueSatisfying(h -> assertThat(h.toLowerCase()).contains("x-requested-with", "content-type", "authorization", "origin"));

            HttpResponse<String> allowed = gw.post("/mtc/event", FORM, "page_url=" + enc("https://www.acme.example/"),
                    "Origin", "https://www.acme.example", "User-Agent", UA);
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://www.acme.example");

            HttpResponse<String> denied = gw.post("/mtc/event", FORM, "page_url=" + enc("https://evil.example/"),
                    "Origin", "https://evil.example", "User-Agent", UA);
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

            assertThat(gw.drain()).extracting(e -> ((PageHit) e.getPayload()).getUrl()).containsExactly("https://www.acme.example/");
        }
    }

    @Test
    void signedEmailTokensProduceOpenClickAndUnsubscribeAndTamperedOnesProduceNothing(TestNamespace ns) throws Exception {
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c)) {
            SignedTokens tokens = new SignedTokens(GatewayFixture.SECRET);
            String open = tokens.sign(EmailToken.open("send-1", "email-7", "contact-42"));
            String click = tokens.sign(EmailToken.click("send-1", "email-7", "contact-42", "https://shop.example/sale?x=1"));
            String unsub = tokens.sign(EmailToken.unsubscribe("send-1", "email-7", "contact-42"));

            HttpResponse<String> o = gw.get("/email/" + open + ".gif", "User-Agent", UA);
            assertThat(o.statusCode()).isEqualTo(200);
            assertThat(o.headers().firstValue("Content-Type")).hasValue("image/gif");
            assertThat(gw.get("/email/" + open + ".gif", "User-Agent", "Mozilla/5.0 (via ggpht.com GoogleImageProxy)").statusCode()).isEqualTo(200);

            HttpResponse<String> c = gw.get("/r/" + click, "Cookie", "mautic_device_id=phone00001", "User-Agent", UA);
            assertThat(c.statusCode()).isEqualTo(302);
            assertThat(c.headers().firstValue("Location")).hasValue("https://shop.example/sale?x=1");

            HttpResponse<String> page = gw.get("/email/unsubscribe/" + unsub, "User-Agent", UA);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<form method=\"post\"");
            assertThat(gw.post("/email/unsubscribe/" + unsub, FORM, "List-Unsubscribe=One-Click", "User-Agent", UA).statusCode()).isEqualTo(200);

            String tampered = click.substring(0, click.indexOf('.') - 2) + "AA" + click.substring(click.indexOf('.'));
            String forged = new SignedTokens("another-secret-another-secret-0123456789")
                    .sign(EmailToken.click("send-1", "email-7", "contact-42", "https://evil.example/"));
            assertThat(gw.get("/r/" + tampered).statusCode()).isEqualTo(404);
            assertThat(gw.get("/r/" + forged).statusCode()).isEqualTo(404);
            assertThat(gw.get("/r/" + open).statusCode()).as("an open token is not a click token").isEqualTo(404);
            assertThat(gw.get("/r/not-a-token").statusCode()).isEqualTo(404);
            assertThat(gw.get("/email/garbage.gif").statusCode()).isEqualTo(404);
            assertThat(gw.post("/email/unsubscribe/" + open, FORM, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(404);

            List<TrackingEvent> events = gw.drain();
            assertThat(events).hasSize(4).allSatisfy(e -> {
                assertThat(e.getContactId()).isEqualTo("contact-42");
                assertThat(e.getSource()).isEqualTo(Source.EMAIL);
            });
            assertThat(events).filteredOn(e -> e.getPayload() instanceof EmailOpen).extracting(e -> ((EmailOpen) e.getPayload()).getProxied())
                    .containsExactlyInAnyOrder(false, true);
            TrackingEvent clickEvent = events.stream().filter(e -> e.getPayload() instanceof EmailClick).findFirst().orElseThrow();
            assertThat(clickEvent.getDeviceId()).as("the click links the new device").isEqualTo("phone00001");
            assertThat(((EmailClick) clickEvent.getPayload()).getUrl()).isEqualTo("https://shop.example/sale?x=1");
            assertThat(events).filteredOn(e -> e.getPayload() instanceof EmailUnsubscribe)
                    .singleElement().satisfies(e -> assertThat(((EmailUnsubscribe) e.getPayload()).getOneClick()).isTrue());
        }
    }

    @Test
    void serverSideBatchNeedsTheBearerTokenAndIsValidatedAsAWhole(TestNamespace ns) throws Exception {
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c)) {
            assertThat(gw.send("PUT", "/api/v1/fields/age", JSON, "{\"label\": \"Age\", \"type\": \"number\"}",
                    "Authorization", "Bearer " + GatewayFixture.TOKEN).statusCode()).as("the API sets defined fields only").isEqualTo(201);
            String batch = """
                    {"events": [
                      {"type": "page_hit", "device_id": "srv0000001", "url": "https://app.example/dash?utm_source=app"},
                      {"type": "identify", "device_id": "srv0000001", "fields": {"email": "bob@example.com", "age": 42}},
                      {"type": "custom", "contact_id": "contact-9", "name": "purchase", "properties": {"amount": "19.90"}}
                    ]}""";
            assertThat(gw.post("/api/v1/events", JSON, batch).statusCode()).isEqualTo(401);
            assertThat(gw.post("/api/v1/events", JSON, batch, "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);

            HttpResponse<String> ok = gw.post("/api/v1/events", JSON, batch, "Authorization", "Bearer " + GatewayFixture.TOKEN);
            assertThat(ok.statusCode()).isEqualTo(202);
            assertThat(new JsonObject(ok.body()).getInteger("accepted")).isEqualTo(3);

            HttpResponse<String> bad = gw.post("/api/v1/events", JSON, """
                    {"events": [
                      {"type": "page_hit", "device_id": "srv0000002", "url": "https://ok.example/"},
                      {"type": "page_hit", "device_id": "srv0000002"},
                      {"type": "teleport", "device_id": "x"},
                      {"type": "identify", "fields": {"email": "x@example.com"}}
                    ]}""", "Authorization", "Bearer " + GatewayFixture.TOKEN);
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(new JsonObject(bad.body()).getJsonObject("error").getJsonArray("problems").getList())
                    .hasSize(3).anySatisfy(p -> assertThat((String) p).startsWith("events[1].url"))
                    .anySatisfy(p -> assertThat((String) p).startsWith("events[2].type"))
                    .anySatisfy(p -> assertThat((String) p).startsWith("events[3]: device_id or contact_id"));

            List<TrackingEvent> events = gw.drain();
            assertThat(events).as("the invalid batch stored nothing").hasSize(3).allSatisfy(e -> assertThat(e.getSource()).isEqualTo(Source.API));
            // One batch is stamped within a millisecond and spread over partitions: find events by kind.
            assertThat(events).filteredOn(e -> e.getPayload() instanceof Identification).singleElement()
                    .satisfies(e -> assertThat(e.getFields()).containsEntry("email", "bob@example.com").containsEntry("age", "42"));
            assertThat(events).filteredOn(e -> e.getPayload() instanceof CustomEvent).singleElement()
                    .satisfies(e -> assertThat(((CustomEvent) e.getPayload()).getProperties()).containsEntry("amount", "19.90"));
        }
    }

    @Test
    void formsAreValidatedAgainstTheirDefinition(TestNamespace ns) throws Exception {
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c)) {
            String auth = "Bearer " + GatewayFixture.TOKEN;
            HttpResponse<String> invalidDef = gw.send("PUT", "/api/v1/forms/newsletter", JSON,
                    "{\"fields\": [{\"alias\": \"Email!\", \"type\": \"phone-number\"}], \"redirectUrl\": \"javascript:alert(1)\"}",
                    "Authorization", auth);
            assertThat(invalidDef.statusCode()).isEqualTo(422);
            assertThat(pointers(invalidDef)).containsExactlyInAnyOrder("/fields/0/alias", "/fields/0/type", "/redirectUrl");

            HttpResponse<String> created = gw.send("PUT", "/api/v1/forms/newsletter", JSON, """
                    {"name": "Newsletter", "honeypot": "website", "redirectUrl": "https://acme.example/thanks",
                     "fields": [{"alias": "email", "type": "email", "required": true},
                                {"alias": "firstname", "type": "text", "maxLength": 20}]}""", "Authorization", auth);
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(gw.get("/api/v1/forms/newsletter", "Authorization", auth).body()).contains("\"honeypot\":\"website\"");

            HttpResponse<String> missing = gw.post("/form/submit?formId=newsletter", FORM, "mauticform%5Bfirstname%5D=" + "x".repeat(30));
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(missing.body()).contains("email: required").contains("firstname: longer than 20");
            assertThat(gw.post("/form/submit?formId=newsletter", FORM, "mauticform%5Bemail%5D=not-an-email").body())
                    .contains("email: not a valid email address");
            HttpResponse<String> spam = gw.post("/form/submit?formId=newsletter", FORM,
                    "mauticform%5Bemail%5D=bot%40spam.example&mauticform%5Bwebsite%5D=http%3A%2F%2Fspam");
            assertThat(spam.statusCode()).as("bots are not told").isEqualTo(303);

            HttpResponse<String> good = gw.post("/form/submit?formId=newsletter", FORM,
                    "mauticform%5Bemail%5D=ada%40example.com&mauticform%5Bfirstname%5D=Ada&mauticform%5Bunknown%5D=dropped",
                    "Cookie", "mautic_device_id=devform0001", "User-Agent", UA);
            assertThat(good.statusCode()).isEqualTo(303);
            assertThat(good.headers().firstValue("Location")).hasValue("https://acme.example/thanks");

            String hidden = new JsonObject(gw.get("/mtc").body()).getString("device_id"); // what mtc.js keeps and puts in the form
            HttpResponse<String> undefined = gw.post("/form/submit?formId=contact", FORM,
                    "mauticform%5Bmessage%5D=hello&mautic_device_id=" + hidden + "&mauticform%5Breturn%5D=https%3A%2F%2Fevil.example%2F",
                    "Accept", "application/json");
            assertThat(undefined.statusCode()).as("no definition: accepted as sent, never an open redirect").isEqualTo(200);

            List<TrackingEvent> events = gw.drain();
            assertThat(events).hasSize(2);
            TrackingEvent newsletter = events.stream().filter(e -> ((FormSubmission) e.getPayload()).getFormId().equals("newsletter"))
                    .findFirst().orElseThrow();
            FormSubmission sub = (FormSubmission) newsletter.getPayload();
            assertThat(sub.getValues()).containsOnly(java.util.Map.entry("email", "ada@example.com"), java.util.Map.entry("firstname", "Ada"));
            assertThat(newsletter.getFields()).containsEntry("email", "ada@example.com");
            assertThat(newsletter.getDeviceId()).isEqualTo("devform0001");
            assertThat(events).filteredOn(e -> ((FormSubmission) e.getPayload()).getFormId().equals("contact")).singleElement()
                    .satisfies(e -> assertThat(e.getDeviceId()).as("device id from mtc.js's hidden field").isEqualTo(hidden));
        }
    }

    @Test
    void mauticsFormScriptGetsItsAjaxAndMessengerRepliesWithErrorsPerField(TestNamespace ns) throws Exception {
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c)) {
            assertThat(gw.send("PUT", "/api/v1/forms/trial", JSON, """
                    {"name": "Trial", "message": "Thanks </script><b>!</b>",
                     "fields": [{"alias": "email", "type": "email", "required": true}, {"alias": "company", "maxLength": 10}]}""",
                    "Authorization", "Bearer " + GatewayFixture.TOKEN).statusCode()).isEqualTo(201);
            HttpResponse<String> invalid = gw.post("/form/submit/ajax?formId=trial", FORM, "mauticform%5Bemail%5D=nope&mauticform%5Bcompany%5D=far+too+long+a+name");
            assertThat(invalid.statusCode()).isEqualTo(200);
            JsonObject refused = new JsonObject(invalid.body());
            assertThat(refused.getInteger("success")).isZero();
            assertThat(refused.getJsonObject("validationErrors").getMap())
                    .containsOnly(java.util.Map.entry("email", "not a valid email address"), java.util.Map.entry("company", "longer than 10 characters"));

            HttpResponse<String> taken = gw.post("/form/submit/ajax", FORM, "mauticform%5BformId%5D=trial&mauticform%5Bemail%5D=lin%40trial.example",
                    "Cookie", "mautic_device_id=devajax0001");
            JsonObject ok = new JsonObject(taken.body());
            assertThat(ok.getInteger("success")).isEqualTo(1);
            assertThat(ok.getString("message")).isEqualTo("Thanks </script><b>!</b>");
            assertThat(ok.getJsonObject("validationErrors").isEmpty()).isTrue();
            // The plain path with the XMLHttpRequest header is the same ajax reply.
            assertThat(new JsonObject(gw.post("/form/submit?formId=trial", FORM, "mauticform%5Bemail%5D=", "X-Requested-With", "XMLHttpRequest").body())
                    .getJsonObject("validationErrors").getString("email")).isEqualTo("required");

            // The messenger mode: a page handing the same JSON to the window that holds the form's frame.
            HttpResponse<String> messenger = gw.post("/form/submit?formId=trial", FORM,
                    "mauticform%5Bemail%5D=mo%40trial.example&mauticform%5Bmessenger%5D=1");
            assertThat(messenger.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(messenger.body());
            assertThat(page.select("script")).hasSize(1);
            String script = page.selectFirst("script").data();
            assertThat(script).startsWith("parent.postMessage(JSON.parse('").doesNotContain("</script>");
            String literal = script.substring(script.indexOf('\'') + 1, script.lastIndexOf("'), '*')"));
            JsonObject handed = new JsonObject(org.apache.commons.text.StringEscapeUtils.unescapeEcmaScript(literal));
            assertThat(handed.getInteger("success")).isEqualTo(1);
            assertThat(handed.getString("message")).isEqualTo("Thanks </script><b>!</b>");

            List<TrackingEvent> events = gw.drain();
            assertThat(events).extracting(e -> ((FormSubmission) e.getPayload()).getValues().get("email"))
                    .containsExactlyInAnyOrder("lin@trial.example", "mo@trial.example");
            assertThat(events).filteredOn(e -> "devajax0001".equals(e.getDeviceId())).hasSize(1);
        }
    }

    @Test
    void videoHitsTellHowLongTheVisitorWatched(TestNamespace ns) throws Exception {
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c)) {
            HttpResponse<String> hit = gw.post("/video/hit", FORM, "url=https%3A%2F%2Fvideos.example%2Fdemo.mp4&duration=120&time=45&guid=view-1"
                    + "&page_url=https%3A%2F%2Fshop.example%2Fdemo", "Cookie", "mautic_device_id=devvideo01");
            assertThat(hit.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(hit.body()).getInteger("success")).isEqualTo(1);
            assertThat(gw.post("/video/hit", FORM, "time=45").statusCode()).isEqualTo(400);
            assertThat(gw.post("/video/hit", FORM, "url=https%3A%2F%2Fvideos.example%2Fdemo.mp4&time=-3").statusCode()).isEqualTo(400);
            assertThat(gw.get("/video/hit?url=javascript%3Aalert(1)").statusCode()).isEqualTo(400);
            assertThat(gw.drain()).singleElement().satisfies(e -> {
                assertThat(e.getDeviceId()).isEqualTo("devvideo01");
                assertThat(e.getPayload()).isInstanceOfSatisfying(io.leadstream.schemas.event.CustomEvent.class, c -> {
                    assertThat(c.getName()).isEqualTo("video_hit");
                    assertThat(c.getProperties()).containsOnly(java.util.Map.entry("url", "https://videos.example/demo.mp4"),
                            java.util.Map.entry("duration", "120"), java.util.Map.entry("watched", "45"), java.util.Map.entry("guid", "view-1"),
                            java.util.Map.entry("page_url", "https://shop.example/demo"));
                });
            });
        }
    }

    @Test
    void formsAreServedForEmbeddingAndTheirMarkupPostsBack(TestNamespace ns) throws Exception {
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c)) {
            assertThat(gw.send("PUT", "/api/v1/forms/signup", JSON, """
                    {"name": "Sign <b>up</b>", "honeypot": "website",
                     "fields": [{"alias": "email", "label": "Email & <i>address</i>", "type": "email", "required": true},
                                {"alias": "message", "type": "textarea", "maxLength": 500}, {"alias": "source", "type": "hidden"}]}""",
                    "Authorization", "Bearer " + GatewayFixture.TOKEN).statusCode()).isEqualTo(201);

            HttpResponse<String> page = gw.get("/form/embed/signup");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(page.body());
            org.jsoup.nodes.Element form = doc.selectFirst("form#mauticform_signup");
            assertThat(form.attr("action")).isEqualTo(gw.gateway.baseUrl() + "/form/submit?formId=signup");
            assertThat(form.select("input, textarea").eachAttr("name")).containsExactly("mauticform[email]", "mauticform[message]",
                    "mauticform[source]", "mauticform[website]", "mauticform[formId]", "mauticform[return]", "mauticform[formName]");
            assertThat(form.selectFirst("input[name=\"mauticform[email]\"]").hasAttr("required")).isTrue();
            assertThat(form.selectFirst("label[for=mauticform_input_email]").text()).as("escaped, not markup").isEqualTo("Email & <i>address</i>");
            assertThat(page.body()).doesNotContain("<i>address</i>");

            HttpResponse<String> script = gw.get("/form/generate.js?id=signup");
            assertThat(script.statusCode()).isEqualTo(200);
            assertThat(script.body()).startsWith("document.write(\"").doesNotContain("<");
            assertThat(gw.get("/form/generate.js?id=nope").statusCode()).isEqualTo(404);
            assertThat(gw.get("/form/generate.js?id=..%2F").statusCode()).isEqualTo(400);
            assertThat(gw.get("/form/embed/nope").statusCode()).isEqualTo(404);

            // What the markup posts is what /form/submit takes.
            StringBuilder body = new StringBuilder();
            for (org.jsoup.nodes.Element input : form.select("input[type=hidden]")) {
                body.append(enc(input.attr("name"))).append('=').append(enc(input.attr("value"))).append('&');
            }
            body.append(enc("mauticform[email]")).append('=').append(enc("ada@example.com"));
            HttpResponse<String> posted = gw.post(form.attr("action").substring(gw.gateway.baseUrl().length()), FORM, body.toString(),
                    "Accept", JSON);
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
            assertThat(gw.drain()).singleElement().satisfies(e -> assertThat(((FormSubmission) e.getPayload()).getFormId()).isEqualTo("signup"));
        }
    }

    @Test
    void mauticsFieldTypesAreServedAndWhatTheyPostIsTaken(TestNamespace ns) throws Exception {
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c)) {
            assertThat(gw.send("PUT", "/api/v1/forms/prefs", JSON, """
                    {"name": "Preferences", "fields": [{"alias": "email", "type": "email", "required": true},
                      {"alias": "intro", "type": "freehtml", "content": "<p onclick=\\"steal()\\">Choose <b>below</b></p><script>steal()</script>"},
                      {"alias": "topics", "label": "Topics", "type": "checkboxgrp", "required": true, "options": [{"value": "news"}, {"value": "deals", "label": "Deals"}]},
                      {"alias": "size", "label": "Size", "type": "radiogrp", "options": [{"value": "s"}, {"value": "m"}]},
                      {"alias": "langs", "type": "multiselect", "options": [{"value": "en"}, {"value": "fr"}]},
                      {"alias": "country", "type": "country"}, {"alias": "call_at", "type": "datetime"}]}""",
                    "Authorization", "Bearer " + GatewayFixture.TOKEN).statusCode()).isEqualTo(201);
            org.jsoup.nodes.Element form = org.jsoup.Jsoup.parse(gw.get("/form/embed/prefs").body()).selectFirst("form#mauticform_prefs");
            assertThat(form.selectFirst(".mauticform-freehtml").html()).as("the marketer's markup without what runs")
                    .isEqualTo("<p>Choose <b>below</b></p>");
            assertThat(form.select("fieldset#mauticform_topics input").eachAttr("name")).containsExactly("mauticform[topics][]", "mauticform[topics][]");
            assertThat(form.select("fieldset#mauticform_topics label").eachText()).containsExactly("news", "Deals");
            assertThat(form.select("fieldset#mauticform_size input[type=radio]").eachAttr("name")).containsExactly("mauticform[size]", "mauticform[size]");
            assertThat(form.selectFirst("select#mauticform_input_langs").attr("name")).isEqualTo("mauticform[langs][]");
            assertThat(form.selectFirst("select#mauticform_input_langs").hasAttr("multiple")).isTrue();
            assertThat(form.select("select#mauticform_input_country option").eachAttr("value")).contains("France", "Germany").hasSizeGreaterThan(200);
            assertThat(form.selectFirst("input#mauticform_input_call_at").attr("type")).isEqualTo("datetime-local");

            String values = "mauticform%5Bemail%5D=ana%40prefs.example&mauticform%5Btopics%5D%5B%5D=news&mauticform%5Btopics%5D%5B%5D=deals"
                    + "&mauticform%5Bsize%5D=m&mauticform%5Blangs%5D%5B%5D=fr&mauticform%5Bcountry%5D=France&mauticform%5Bcall_at%5D=2026-12-07T09%3A30";
            HttpResponse<String> posted = gw.post("/form/submit?formId=prefs", FORM, values, "Accept", JSON);
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
            assertThat(gw.drain()).singleElement().satisfies(e -> assertThat(((FormSubmission) e.getPayload()).getValues())
                    .containsEntry("topics", "news|deals").containsEntry("size", "m").containsEntry("langs", "fr")
                    .containsEntry("country", "France").containsEntry("call_at", "2026-12-07T09:30").doesNotContainKey("intro"));
            HttpResponse<String> refused = gw.post("/form/submit?formId=prefs", FORM,
                    "mauticform%5Bemail%5D=ana%40prefs.example&mauticform%5Btopics%5D%5B%5D=spam", "Accept", JSON);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("topics: not among the options");
        }
    }

    @Test
    void aDefinitionNamingWhatDoesNotExistIsRefusedAndOneStillNamedCannotBeDeleted(TestNamespace ns) throws Exception {
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c)) {
            String auth = "Bearer " + GatewayFixture.TOKEN;
            String vip = "{\"name\": \"VIP\", \"filters\": [{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 100}]}";
            String readsVip = "{\"name\": \"Not VIP\", \"filters\": [{\"kind\": \"segment\", \"segment\": \"vip\", \"operator\": \"not_member\"},"
                    + " {\"kind\": \"field\", \"field\": \"email\", \"operator\": \"not_regexp\", \"value\": \"([a-z\"}]}";
            HttpResponse<String> refused = gw.send("PUT", "/api/v1/segments/not-vip", JSON, readsVip, "Authorization", auth);
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(new JsonObject(refused.body()).getJsonObject("error").getJsonArray("problems")).containsExactlyInAnyOrder(
                    new JsonObject().put("pointer", "/filters/1/value").put("reason", "not a regular expression: missing closing ]"),
                    new JsonObject().put("pointer", "/filters/0/segment").put("reason", "no segment \"vip\" is defined"));
            assertThat(gw.get("/api/v1/segments/not-vip", "Authorization", auth).statusCode()).as("nothing stored").isEqualTo(404);

            assertThat(gw.send("PUT", "/api/v1/segments/vip", JSON, vip, "Authorization", auth).statusCode()).isEqualTo(201);
            assertThat(gw.send("PUT", "/api/v1/segments/not-vip", JSON, readsVip.replace("([a-z", "^[a-z]+@"), "Authorization", auth)
                    .statusCode()).isEqualTo(201);
            HttpResponse<String> loop = gw.send("PUT", "/api/v1/segments/vip", JSON,
                    "{\"name\": \"VIP\", \"filters\": [{\"kind\": \"segment\", \"segment\": \"not-vip\", \"operator\": \"member\"}]}", "Authorization", auth);
            assertThat(loop.statusCode()).isEqualTo(422);
            assertThat(loop.body()).contains("membership filters loop: vip -> not-vip -> vip");

            HttpResponse<String> named = gw.send("DELETE", "/api/v1/segments/vip", JSON, null, "Authorization", auth);
            assertThat(named.statusCode()).isEqualTo(409);
            assertThat(new JsonObject(named.body()).getJsonObject("error").getJsonArray("referencedBy")).containsExactly("segments/not-vip");
            assertThat(gw.send("DELETE", "/api/v1/segments/not-vip", JSON, null, "Authorization", auth).statusCode()).isEqualTo(204);
            assertThat(gw.send("DELETE", "/api/v1/segments/vip", JSON, null, "Authorization", auth).statusCode()).isEqualTo(204);

            HttpResponse<String> schema = gw.get("/api/v1/schemas/segments");
            assertThat(schema.statusCode()).as("published without a token").isEqualTo(200);
            assertThat(new JsonObject(schema.body()).getBoolean("additionalProperties")).isFalse();
        }
    }

    private static List<String> pointers(HttpResponse<String> response) {
        return GatewayFixture.problemPointers(response);
    }

    @Test
    void pointAndSegmentDefinitionsAreCheckedAgainstTheirSchemaAndPublished(TestNamespace ns) throws Exception {
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c)) {
            String auth = "Bearer " + GatewayFixture.TOKEN;
            HttpResponse<String> invalid = gw.send("PUT", "/api/v1/segments/hot", JSON, """
                    {"filters": [{"kind": "points", "operator": "about", "value": 5}, {"kind": "colour"}]}""", "Authorization", auth);
            assertThat(invalid.statusCode()).isEqualTo(422);
            assertThat(new JsonObject(invalid.body()).getJsonObject("error").getJsonArray("problems").encode())
                    .contains("name").contains("/filters/0/operator").contains("/filters/1/kind");

            String segment = """
                    {"name": "Hot", "filters": [{"kind": "points", "operator": "gte", "value": 50},
                                                {"kind": "behavior", "behavior": "any_event", "within": "P7D"}]}""";
            assertThat(gw.send("PUT", "/api/v1/segments/hot", JSON, segment, "Authorization", auth).statusCode()).isEqualTo(201);
            assertThat(gw.send("PUT", "/api/v1/point-actions/pricing", JSON, """
                    {"name": "Pricing", "type": "page_hit", "url": "https://shop.example.com/pricing*", "points": 10}""",
                    "Authorization", auth).statusCode()).isEqualTo(201);
            assertThat(new JsonObject(gw.get("/api/v1/segments/hot", "Authorization", auth).body()).getJsonArray("filters")).hasSize(2);
            assertThat(gw.send("DELETE", "/api/v1/point-actions/pricing", JSON, null, "Authorization", auth).statusCode()).isEqualTo(204);
            assertThat(gw.get("/api/v1/point-actions/pricing", "Authorization", auth).statusCode()).isEqualTo(404);

            // The engine reads definitions from the compacted topic: the segment, the action and its tombstone.
            List<String> published = gw.definitionRecords().stream()
                    .map(r -> r.key() + "=" + (r.value() == null ? "null" : new JsonObject(new String(r.value())).getString("name"))).toList();
            assertThat(published).containsExactly("segments/hot=Hot", "point-actions/pricing=Pricing", "point-actions/pricing=null");
        }
    }

    @Test
    void assetDownloadsRedirectToTheStoredUrlOnly(TestNamespace ns) throws Exception {
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c)) {
            assertThat(gw.send("PUT", "/api/v1/assets/pricelist", JSON, "{\"title\": \"Prices\", \"url\": \"https://cdn.acme.example/prices.pdf\"}",
                    "Authorization", "Bearer " + GatewayFixture.TOKEN).statusCode()).isEqualTo(201);
            HttpResponse<String> r = gw.get("/asset/pricelist?url=https%3A%2F%2Fevil.example", "Cookie", "mautic_device_id=devasset01", "User-Agent", UA);
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location")).hasValue("https://cdn.acme.example/prices.pdf");
            assertThat(gw.get("/asset/nope").statusCode()).isEqualTo(404);
            assertThat(gw.drain()).singleElement().satisfies(e -> {
                assertThat(((AssetDownload) e.getPayload()).getAssetId()).isEqualTo("pricelist");
                assertThat(e.getDeviceId()).isEqualTo("devasset01");
            });
        }
    }

    @Test
    void clientIpDoNotTrackBotsAndAnonymisation(TestNamespace ns) throws Exception {
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c.with(GatewayOptions.TRUSTED_PROXIES, "127.0.0.1")
                .with(GatewayOptions.ANONYMIZE_IP, true).with(GatewayOptions.EXCLUDED_IPS, "198.51.100.0/24"))) {
            assertThat(gw.get("/mtracking.gif?page_url=" + enc("https://a.example/proxied"), "X-Forwarded-For", "203.0.113.77, 127.0.0.1", "User-Agent", UA).statusCode()).isEqualTo(200);
            assertThat(gw.get("/mtracking.gif?page_url=" + enc("https://a.example/dnt"), "DNT", "1", "User-Agent", UA).statusCode()).isEqualTo(200);
            assertThat(gw.get("/mtracking.gif?page_url=" + enc("https://a.example/dnt2") + "&do_not_track=1", "User-Agent", UA).statusCode()).isEqualTo(200);
            assertThat(gw.get("/mtracking.gif?page_url=" + enc("https://a.example/bot"), "User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1)").statusCode()).isEqualTo(200);
            assertThat(gw.get("/mtracking.gif?page_url=" + enc("https://a.example/office"), "X-Forwarded-For", "198.51.100.9", "User-Agent", UA).statusCode()).isEqualTo(200);

            List<TrackingEvent> events = gw.drain();
            assertThat(events).extracting(e -> ((PageHit) e.getPayload()).getUrl()).as("do-not-track hits are not stored")
                    .containsExactlyInAnyOrder("https://a.example/proxied", "https://a.example/bot", "https://a.example/office");
            java.util.Map<String, TrackingEvent> byUrl = new java.util.HashMap<>();
            events.forEach(e -> byUrl.put(((PageHit) e.getPayload()).getUrl(), e));
            assertThat(byUrl.get("https://a.example/proxied").getContext().getIp()).as("from X-Forwarded-For, anonymised").isEqualTo("203.0.113.0");
            assertThat(byUrl.get("https://a.example/proxied").getContext().getTrackable()).isTrue();
            assertThat(byUrl.get("https://a.example/bot").getContext().getTrackable()).isFalse();
            assertThat(byUrl.get("https://a.example/bot").getContext().getNonTrackableReason()).isEqualTo("bot user agent");
            assertThat(byUrl.get("https://a.example/office").getContext().getNonTrackableReason()).isEqualTo("excluded ip");
        }
    }

    @Test
    void metricsAndHealthAreServed(TestNamespace ns) throws Exception {
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c)) {
            gw.get("/mtracking.gif?page_url=" + enc("https://m.example/"), "User-Agent", UA);
            assertThat(gw.get("/r/not-a-token").statusCode()).isEqualTo(404);
            HttpResponse<String> metrics = gw.get("/metrics");
            Set<String> exported = metrics.body().lines().filter(l -> !l.startsWith("#")).map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toSet());
            assertThat(exported).as("what the docker deployment's Grafana dashboard reads from the gateway")
                    .containsAll(DashboardQueries.metrics("leadstream_gateway_", "vertx_"));
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("leadstream_gateway_events_accepted_total{kind=\"page_hit\"}")
                    .contains("leadstream_gateway_kafka_in_flight");
            // Vert.x's own: every request by route (not the raw path), method and status, its answer time a histogram.
            assertThat(metrics.body().lines().filter(l -> l.startsWith("vertx_http_server_requests_total{") && l.contains("route=\"/mtracking.gif\"")
                    && l.contains("code=\"200\"") && l.contains("method=\"GET\"")).toList()).hasSize(1);
            assertThat(metrics.body()).containsPattern("vertx_http_server_response_time_seconds_bucket\\{[^}]*route=\"/mtracking.gif\"");
            assertThat(metrics.body()).doesNotContain("page_url");
            assertThat(gw.get("/health").body()).contains("\"status\":\"UP\"");
            HttpResponse<String> ready = gw.get("/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(ready.body()).getMap()).containsEntry("status", "UP").containsEntry("kafka", "UP (1 broker)");
            assertThat(gw.get("/mtc.js").body()).contains("MauticTrackingObject");
        }
    }

    @Test
    void readinessFollowsKafkaAndTellsCassandrasStateWithoutDependingOnIt(TestNamespace ns) throws Exception {
        // No Cassandra where the contacts API looks: the API cannot answer, tracking can, so the gateway stays ready.
        String nowhere = "127.0.0.1:" + closedPort();
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c.with(GatewayOptions.CONTACTS_API, true)
                .with(CassandraOptions.CONTACT_POINTS, nowhere))) {
            HttpResponse<String> ready = gw.get("/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            JsonObject body = new JsonObject(ready.body());
            assertThat(body.getString("kafka")).isEqualTo("UP (1 broker)");
            assertThat(body.getString("cassandra")).startsWith("DOWN: ");
        }
    }

    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
