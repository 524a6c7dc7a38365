package io.leadstream.gateway;

import io.leadstream.common.config.ConfigOption;
import io.leadstream.common.config.ModuleOptions;
import java.time.Duration;

/** The ingest gateway's HTTP side (the public URL and the token secret, which send workers read too, are {@code LinkOptions}). */
public final class GatewayOptions {
    private GatewayOptions() {}

    /** Makes these options known to {@code AllOptions} wherever the gateway is on the classpath. */
    public static final class Module implements ModuleOptions {
        @Override
        public Class<?> holder() {
            return GatewayOptions.class;
        }
    }

    public static final ConfigOption<String> HOST = ConfigOption.key("gateway.host")
            .stringType().defaultValue("0.0.0.0")
            .withDescription("Address the gateway binds to.");

    public static final ConfigOption<Integer> PORT = ConfigOption.key("gateway.port")
            .intType().defaultValue(8080)
            .withDescription("HTTP port of the gateway (0 picks a free port).");

    public static final ConfigOption<String> API_TOKEN = ConfigOption.key("api.token")
            .stringType().noDefaultValue()
            .withDescription("Bearer token for /api/v1. The local run generates one when unset.");

    public static final ConfigOption<String> API_READ_TOKENS = ConfigOption.key("api.read-tokens")
            .stringType().defaultValue("")
            .withDescription("Comma-separated bearer tokens that may only read /api/v1 (GET); a write with one gets 403."
                    + " For dashboards and reporting jobs that must not change anything.");

    public static final ConfigOption<Boolean> CONTACTS_API = ConfigOption.key("gateway.contacts-api")
            .booleanType().defaultValue(true)
            .withDescription("Serve GET /api/v1/contacts from Cassandra. The session is opened on the first contacts request;"
                    + " while Cassandra is unreachable those requests get 503 and tracking is unaffected.");

    public static final ConfigOption<Duration> KAFKA_ACK_TIMEOUT = ConfigOption.key("gateway.kafka-ack-timeout")
            .durationType().defaultValue(Duration.ofSeconds(5))
            .withDescription("How long a request waits for Kafka's ack before the gateway answers 503.");

    public static final ConfigOption<Integer> MAX_IN_FLIGHT = ConfigOption.key("gateway.max-in-flight")
            .intType().defaultValue(20_000)
            .withDescription("Requests awaiting a Kafka ack; beyond this the gateway answers 503 at once.");

    public static final ConfigOption<String> CORS_ALLOWED_ORIGINS = ConfigOption.key("gateway.cors-allowed-origins")
            .stringType().defaultValue("")
            .withDescription("Comma-separated origins (https://www.example.com) allowed to call /mtc/event with credentials.");

    public static final ConfigOption<String> TRUSTED_PROXIES = ConfigOption.key("gateway.trusted-proxies")
            .stringType().defaultValue("")
            .withDescription("Comma-separated IPs/CIDRs of reverse proxies whose X-Forwarded-For is believed.");

    public static final ConfigOption<Boolean> ANONYMIZE_IP = ConfigOption.key("gateway.anonymize-ip")
            .booleanType().defaultValue(false)
            .withDescription("Store IPv4 addresses without the last octet and IPv6 without the last 80 bits.");

    public static final ConfigOption<String> EXCLUDED_IPS = ConfigOption.key("gateway.excluded-ips")
            .stringType().defaultValue("")
            .withDescription("Comma-separated IPs/CIDRs whose hits are marked non-trackable (office, monitoring).");

    public static final ConfigOption<String> BOT_USER_AGENTS = ConfigOption.key("gateway.bot-user-agents")
            .stringType().defaultValue("(?i)(bot|crawler|spider|slurp|bingpreview|facebookexternalhit|embedly|quora link preview"
                    + "|pingdom|uptimerobot|statuscake|python-requests|go-http-client|java/|libwww|wget|curl/|httpclient|okhttp|scrapy)")
            .withDescription("Regular expression; a matching User-Agent marks the hit non-trackable.");

    public static final ConfigOption<String> MAIL_PROXY_USER_AGENTS = ConfigOption.key("gateway.mail-proxy-user-agents")
            .stringType().defaultValue("(?i)(GoogleImageProxy|ggpht\\.com|YahooMailProxy|Mimecast|Barracuda|Proofpoint"
                    + "|Microsoft Office Protocol Discovery|Symantec|SafeLinks|Superhuman)")
            .withDescription("Regular expression; an open from a matching User-Agent is flagged as proxied/prefetched.");

    public static final ConfigOption<String> MAIL_PROXY_IPS = ConfigOption.key("gateway.mail-proxy-ips")
            .stringType().defaultValue("17.0.0.0/8")
            .withDescription("IPs/CIDRs of mail proxies (default: Apple Mail Privacy Protection); opens from them are flagged proxied.");

    public static final ConfigOption<Integer> MAX_BODY_BYTES = ConfigOption.key("gateway.max-body-bytes")
            .intType().defaultValue(64 * 1024)
            .withDescription("Largest request body accepted (forms, tracker events); /api/v1/events allows 16x this.");

    public static final ConfigOption<Integer> MAX_PARAMS = ConfigOption.key("gateway.max-params")
            .intType().defaultValue(100)
            .withDescription("Most query/form parameters in one request.");

    public static final ConfigOption<Duration> ERASE_REPEAT_AFTER = ConfigOption.key("gateway.erase-repeat-after")
            .durationType().defaultValue(Duration.ofSeconds(30))
            .withDescription("A GDPR erasure deletes the person's rows at once and again after this long, for writes the engine had in flight.");

    public static final ConfigOption<String> IMPORT_DIR = ConfigOption.key("gateway.import-dir")
            .stringType().defaultValue("")
            .withDescription("Where uploaded CSV imports and their error reports are kept; empty: a leadstream-imports folder in the temp dir.");

    public static final ConfigOption<Long> IMPORT_MAX_BYTES = ConfigOption.key("gateway.import-max-bytes")
            .longType().defaultValue(4L * 1024 * 1024 * 1024)
            .withDescription("Largest CSV upload to POST /api/v1/imports; larger gets 413. Uploads stream to disk, never to memory.");

    public static final ConfigOption<String> ASSET_DIR = ConfigOption.key("gateway.asset-dir")
            .stringType().defaultValue("")
            .withDescription("Where uploaded asset files are kept (the embedded default's store), by content hash; empty: a leadstream-assets folder in the temp dir.");

    public static final ConfigOption<String> ASSET_STORE = ConfigOption.key("gateway.asset-store")
            .stringType().defaultValue("local")
            .withDescription("Where asset files are kept: 'local' (gateway.asset-dir, one machine) or 's3' (an S3-compatible object store, "
                    + "gateway.asset-s3-*: every gateway of a deployment serves the same files).");

    public static final ConfigOption<String> ASSET_S3_BUCKET = ConfigOption.key("gateway.asset-s3-bucket")
            .stringType().defaultValue("")
            .withDescription("The bucket asset files are kept in (gateway.asset-store s3); it must exist.");

    public static final ConfigOption<String> ASSET_S3_PREFIX = ConfigOption.key("gateway.asset-s3-prefix")
            .stringType().defaultValue("assets/")
            .withDescription("Key prefix of asset files in the bucket; a file's key is the prefix and the SHA-256 of its bytes.");

    public static final ConfigOption<String> ASSET_S3_ENDPOINT = ConfigOption.key("gateway.asset-s3-endpoint")
            .stringType().defaultValue("")
            .withDescription("The object store's URL (MinIO, Ceph, R2, ...); empty: AWS S3 in gateway.asset-s3-region.");

    public static final ConfigOption<String> ASSET_S3_REGION = ConfigOption.key("gateway.asset-s3-region")
            .stringType().defaultValue("us-east-1")
            .withDescription("The bucket's region (requests are signed for it).");

    public static final ConfigOption<Boolean> ASSET_S3_PATH_STYLE = ConfigOption.key("gateway.asset-s3-path-style")
            .booleanType().defaultValue(false)
            .withDescription("Address the bucket in the path (endpoint/bucket/key), as most self-hosted stores need, not as a host name.");

    public static final ConfigOption<String> ASSET_S3_ACCESS_KEY = ConfigOption.key("gateway.asset-s3-access-key")
            .stringType().defaultValue("")
            .withDescription("Access key id; empty: the AWS default credentials (AWS_ACCESS_KEY_ID, a profile, an instance or pod role).");

    public static final ConfigOption<String> ASSET_S3_SECRET_KEY = ConfigOption.key("gateway.asset-s3-secret-key")
            .stringType().defaultValue("")
            .withDescription("Secret access key, with gateway.asset-s3-access-key.");

    public static final ConfigOption<Long> ASSET_MAX_BYTES = ConfigOption.key("gateway.asset-max-bytes")
            .longType().defaultValue(50L * 1024 * 1024)
            .withDescription("Largest asset upload; larger gets 413 and nothing is stored.");

    public static final ConfigOption<String> ASSET_TYPES = ConfigOption.key("gateway.asset-types")
            .stringType().defaultValue("application/pdf,image/png,image/jpeg,image/gif,image/webp,text/plain,text/csv,application/zip,"
                    + "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
                    + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,"
                    + "application/vnd.openxmlformats-officedocument.presentationml.presentation,video/mp4,audio/mpeg")
            .withDescription("Content types an asset may have, comma-separated; the file's bytes must be of the type it is sent as (415 otherwise). "
                    + "Nothing a browser runs on this origin (HTML, SVG) is on the default list.");

    public static final ConfigOption<Long> FORM_UPLOAD_MAX_BYTES = ConfigOption.key("gateway.form-upload-max-bytes")
            .longType().defaultValue(20L * 1024 * 1024)
            .withDescription("Largest multipart form submission (its files together); larger gets 413. A file field's own maxSizeMb is checked too.");

    public static final ConfigOption<Integer> MAX_FIELD_LENGTH = ConfigOption.key("gateway.max-field-length")
            .intType().defaultValue(4096)
            .withDescription("Longest single parameter value (URLs included).");

    public static final ConfigOption<String> TLS_KEYSTORE = ConfigOption.key("gateway.tls-keystore")
            .stringType().defaultValue("")
            .withDescription("A PKCS#12 keystore (certificate and key) to serve HTTPS with; empty serves HTTP (behind a TLS-terminating proxy)."
                    + " Cross-site trackers need HTTPS: browsers send a SameSite=None cookie only over it.");

    public static final ConfigOption<String> TLS_KEYSTORE_PASSWORD = ConfigOption.key("gateway.tls-keystore-password")
            .stringType().defaultValue("")
            .withDescription("The keystore's password.");

    public static final ConfigOption<Integer> MAX_HEADER_BYTES = ConfigOption.key("gateway.max-header-bytes")
            .intType().defaultValue(16 * 1024)
            .withDescription("Largest total size of request headers (cookies included); larger gets 431.");

    public static final ConfigOption<Integer> MAX_BATCH_EVENTS = ConfigOption.key("gateway.max-batch-events")
            .intType().defaultValue(1000)
            .withDescription("Most events in one POST /api/v1/events.");

    public static final ConfigOption<String> KAFKA_COMPRESSION = ConfigOption.key("gateway.kafka-compression")
            .stringType().defaultValue("none")
            .withDescription("Producer compression (none, lz4, zstd...). Events are small and batches short: none costs least CPU per hit.");

    public static final ConfigOption<Duration> KAFKA_LINGER = ConfigOption.key("gateway.kafka-linger")
            .durationType().defaultValue(Duration.ofMillis(5))
            .withDescription("Producer linger: how long a batch waits for more events. Longer batches cost Kafka and the gateway less CPU per hit and add at most this much to the ack wait.");

    public static final ConfigOption<Integer> EVENT_LOOPS = ConfigOption.key("gateway.event-loops")
            .intType().defaultValue(Runtime.getRuntime().availableProcessors())
            .withDescription("HTTP server instances (one event loop each) sharing the port.");
}
