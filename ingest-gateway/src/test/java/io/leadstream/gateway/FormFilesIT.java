package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.schemas.event.FormSubmission;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestFiles;
import io.leadstream.stack.TestNamespace;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A form's file field through the gateway and real Kafka: a file of another type than its name says,
 * one too large, one of an extension the field does not take, and a body over the gateway's limit
 * are refused with the reason, and leave no file and no event; a PDF is kept, named in the
 * submission's values, and downloaded by a marketer.
 */
@ExtendWith(LeadStreamStackExtension.class)
class FormFilesIT {
    private static final String BOUNDARY = "----leadstream-form-files-it";

    @Test
    void fileFieldsTakeOnlyTheirTypesAndSizesAndKeepNothingRefused(TestNamespace ns, @TempDir Path assets) throws Exception {
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c.with(GatewayOptions.ASSET_DIR, assets.toString())
                .with(GatewayOptions.FORM_UPLOAD_MAX_BYTES, 3L * 1024 * 1024))) {
            String auth = "Bearer " + GatewayFixture.TOKEN;
            assertThat(gw.send("PUT", "/api/v1/forms/apply", "application/json", """
                    {"name": "Apply", "fields": [{"alias": "email", "type": "email", "required": true},
                      {"alias": "cv", "type": "file", "extensions": ["pdf"], "maxSizeMb": 1, "required": true}]}""",
                    "Authorization", auth).statusCode()).isEqualTo(201);
            Path kept = assets.resolve("form-files");

            HttpResponse<String> program = post(gw, "cv.pdf", TestFiles.exe());
            assertThat(program.statusCode()).isEqualTo(400);
            assertThat(program.body()).contains("cv: the file's content is application/x-msdownload, not a .pdf file");
            HttpResponse<String> large = post(gw, "cv.pdf", TestFiles.pdf(1024 * 1024 + 1));
            assertThat(large.body()).contains("cv: the file is larger than 1 MB");
            HttpResponse<String> word = post(gw, "cv.docx", TestFiles.pdf(100));
            assertThat(word.body()).contains("cv: only pdf files are taken");
            HttpResponse<String> huge = post(gw, "cv.pdf", TestFiles.pdf(4 * 1024 * 1024));
            assertThat(huge.statusCode()).as("over gateway.form-upload-max-bytes").isEqualTo(413);
            HttpResponse<String> none = gw.post("/form/submit?formId=apply", "application/x-www-form-urlencoded",
                    "mauticform%5Bemail%5D=ada%40example.com&mauticform%5Bcv%5D=pretend.pdf");
            assertThat(none.body()).as("a file field's value is its upload, never text").contains("cv: required");
            assertThat(Files.exists(kept) ? Files.list(kept).toList() : List.of()).as("nothing kept").isEmpty();

            byte[] cv = TestFiles.pdf(5000);
            HttpResponse<String> good = post(gw, "My CV.pdf", cv);
            assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
            List<TrackingEvent> events = gw.drain();
            assertThat(events).as("only the good one is in Kafka").hasSize(1);
            Map<String, String> values = ((FormSubmission) events.get(0).getPayload()).getValues();
            assertThat(values.get("cv")).matches("[0-9a-f-]{36}/My CV\\.pdf");
            assertThat(events.get(0).getFields()).as("a file is nobody's contact field").doesNotContainKey("cv");
            String file = values.get("cv").substring(0, 36);
            assertThat(Files.readAllBytes(kept.resolve(file))).isEqualTo(cv);

            HttpResponse<byte[]> download = gw.http.send(HttpRequest.newBuilder(URI.create(gw.url("/api/v1/forms/apply/files/" + file + "?name=cv.pdf")))
                    .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(cv);
            assertThat(download.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"cv.pdf\"");
            assertThat(gw.get("/api/v1/forms/apply/files/" + file).statusCode()).as("marketers only").isEqualTo(401);
        }
    }

    private static HttpResponse<String> post(GatewayFixture gw, String fileName, byte[] file) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"mauticform[email]\"\r\n\r\nada@example.com\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"mauticform[cv]\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return gw.http.send(HttpRequest.newBuilder(URI.create(gw.url("/form/submit?formId=apply")))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
