package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** What the whole-system tests do to a gateway: a visitor's pixel hit, and /api/v1 calls with a token. */
final class GatewayCalls {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    GatewayCalls(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** A page hit from a browser with the device cookie; {@code extra} is more query ("&email=..."). */
    void hit(String device, String url, String extra) throws Exception {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/mtracking.gif?page_url=" + enc(url) + extra))
                .header("Cookie", "mautic_device_id=" + device).header("User-Agent", "Mozilla/5.0 Firefox/130.0").build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    /** A form posted from a browser with the device cookie; {@code body} is url-encoded ("mauticform%5Bemail%5D=..."). */
    void submit(String device, String form, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/form/submit?formId=" + enc(form)))
                .header("Cookie", "mautic_device_id=" + device).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** A form with one file posted as multipart from a browser with the device cookie; {@code fields} are the other values. */
    void submitWithFile(String device, String form, java.util.Map<String, String> fields, String fileAlias, String fileName, byte[] file)
            throws Exception {
        String boundary = "----leadstream-test-boundary";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (var f : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"mauticform[" + f.getKey() + "]\"\r\n\r\n" + f.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"mauticform[" + fileAlias + "]\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/form/submit?formId=" + enc(form)))
                .header("Cookie", "mautic_device_id=" + device).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** An API call with the token; a JSON body when {@code json} is given. */
    HttpResponse<String> send(String method, String path, String json) throws Exception {
        return send(method, path, json == null ? null : "application/json", json);
    }

    /** An API call with the token and a body of {@code type} (none when {@code body} is null). */
    HttpResponse<String> send(String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", type);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A CSV file imported ({@code query}: "segment=...&name=..."), once its import has ended: the import as the API tells it. */
    JsonObject importCsv(String query, String csv) throws Exception {
        HttpResponse<String> started = send("POST", "/api/v1/imports?" + query, "text/csv", csv);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = new JsonObject(started.body()).getString("id");
        assertThat(started.headers().firstValue("Location")).hasValue("/api/v1/imports/" + id);
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120)).pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> get("/api/v1/imports/" + id), j -> !"running".equals(j.getString("state")));
    }

    /** A GET that must answer 200, as JSON. */
    JsonObject get(String path) throws Exception {
        HttpResponse<String> r = send("GET", path, null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    /** A GET's JSON when it answers 200, else null (not there yet). */
    JsonObject find(String path) throws Exception {
        HttpResponse<String> r = send("GET", path, null);
        return r.statusCode() == 200 ? new JsonObject(r.body()) : null;
    }

    /** The contact owning the address, or null. */
    JsonObject contactByEmail(String email) throws Exception {
        return find("/api/v1/contacts?email=" + enc(email));
    }

    /** Creates a definition (201); its revision, which the engine reports back (a segment's backfill). */
    long define(String kind, String id, String json) throws Exception {
        HttpResponse<String> r = send("PUT", "/api/v1/" + kind + "/" + id, json);
        assertThat(r.statusCode()).as(kind + "/" + id + ": " + r.body()).isEqualTo(201);
        return Long.parseLong(r.headers().firstValue("LeadStream-Revision").orElseThrow());
    }

    /** The contact's id in Mautic's API (a number), found by its email address; null while there is none. */
    Long mauticId(String email) throws Exception {
        JsonObject found = get("/api/contacts?search=email:" + enc(email)).getJsonObject("contacts");
        return found.isEmpty() ? null : Long.parseLong(found.fieldNames().iterator().next());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
