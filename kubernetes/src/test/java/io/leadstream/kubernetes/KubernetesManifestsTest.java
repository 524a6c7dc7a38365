package io.leadstream.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadstream.common.config.AllOptions;
import io.leadstream.common.config.InvalidConfigException;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.workers.WorkerOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.configuration.CoreOptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The manifests in manifests/, offline: every document against the published definition of its kind
 * (ManifestValidator; what that covers for each kind is in docs/kubernetes.md), every LEADSTREAM_* variable through
 * the processes' own start check, and the references between documents that no schema sees (a Service selecting
 * nothing, a client pointed at a service the operators do not create, an engine that cannot be upgraded).
 */
class KubernetesManifestsTest {
    private static final List<Manifest> ALL = Manifest.all();

    /** Where each kind keeps its containers. */
    private static final Map<String, List<String>> CONTAINERS = Map.of(
            "apps/v1/Deployment", List.of("/spec/template/spec/initContainers/*", "/spec/template/spec/containers/*"),
            "flink.apache.org/v1beta1/FlinkDeployment", List.of("/spec/podTemplate/spec/containers/*",
                    "/spec/jobManager/podTemplate/spec/initContainers/*", "/spec/jobManager/podTemplate/spec/containers/*",
                    "/spec/taskManager/podTemplate/spec/containers/*"));

    @TestFactory
    Stream<DynamicTest> everyDocumentMatchesThePublishedDefinitionOfItsKind() {
        assertThat(ALL).extracting(Manifest::type).contains("apps/v1/Deployment", "autoscaling/v2/HorizontalPodAutoscaler",
                "flink.apache.org/v1beta1/FlinkDeployment", "kafka.strimzi.io/v1/Kafka", "kafka.strimzi.io/v1/KafkaNodePool",
                "k8ssandra.io/v1alpha1/K8ssandraCluster");
        return ALL.stream().map(doc -> dynamicTest(doc.toString(),
                () -> assertThat(ManifestValidator.problems(doc)).as(doc.toString()).isEmpty()));
    }

    @TestFactory
    Stream<DynamicTest> everyLeadStreamVariableIsAnOptionWithAReadableValue() {
        return containers().entrySet().stream().map(c -> dynamicTest(c.getKey(), () -> {
            Map<String, String> env = environment(c.getValue());
            // A process does exactly this at start, and stops on an unknown LEADSTREAM_* variable or an unreadable value.
            assertThatCode(() -> LeadStreamConfig.load(null, env, AllOptions.list())).as(c.getKey()).doesNotThrowAnyException();
        }));
    }

    @Test
    void probesAskTheProcessesOwnEndpointsOnADeclaredPort() {
        for (Manifest deployment : ofType("apps/v1/Deployment")) {
            Manifest.select(deployment.node(), "/spec/template/spec/containers/*", (path, container) -> {
                List<String> ports = new ArrayList<>();
                container.path("ports").forEach(p -> {
                    ports.add(p.path("name").asText());
                    ports.add(p.path("containerPort").asText());
                });
                Map<String, String> expected = Map.of("startupProbe", "/health", "livenessProbe", "/health", "readinessProbe", "/ready");
                expected.forEach((probe, endpoint) -> {
                    JsonNode get = container.path(probe).path("httpGet");
                    assertThat(get.path("path").asText()).as(deployment + " " + probe).isEqualTo(endpoint);
                    assertThat(ports).as(deployment + " " + probe + " port").contains(get.path("port").asText());
                });
            });
        }
    }

    @Test
    void servicesAutoscalersAndBudgetsFindTheirDeployment() {
        for (Manifest deployment : ofType("apps/v1/Deployment")) {
            JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
            assertThat(selects(deployment.at("/spec/selector/matchLabels"), podLabels)).as(deployment + " selector").isTrue();
            // The autoscaler owns the count: a replicas field would reset it on every apply.
            assertThat(deployment.at("/spec/replicas").isMissingNode()).as(deployment + " replicas").isTrue();
            assertThat(one("autoscaling/v2/HorizontalPodAutoscaler", deployment.name()).at("/spec/scaleTargetRef/name").asText())
                    .isEqualTo(deployment.name());
            assertThat(selects(one("policy/v1/PodDisruptionBudget", deployment.name()).at("/spec/selector/matchLabels"), podLabels))
                    .as(deployment + " budget").isTrue();
        }
        for (Manifest service : ofType("v1/Service")) {
            assertThat(selects(service.at("/spec/selector"), one("apps/v1/Deployment", service.name()).at("/spec/template/metadata/labels")))
                    .as(service.toString()).isTrue();
        }
    }

    @Test
    void clientsFindTheServicesTheOperatorsCreate() {
        LeadStreamConfig config = sharedConfig();
        Manifest kafka = one("kafka.strimzi.io/v1/Kafka", null);
        JsonNode listener = kafka.at("/spec/kafka/listeners/0");
        // LeadStream's Kafka clients speak plaintext without SASL: the listener they use must too.
        assertThat(listener.path("tls").asBoolean(true)).isFalse();
        assertThat(listener.has("authentication")).isFalse();
        assertThat(config.get(KafkaOptions.BOOTSTRAP_SERVERS))
                .isEqualTo(kafka.name() + "-kafka-bootstrap:" + listener.path("port").asInt());

        Manifest cassandra = one("k8ssandra.io/v1alpha1/K8ssandraCluster", null);
        JsonNode dc = cassandra.at("/spec/cassandra/datacenters/0");
        String dcName = dc.at("/metadata/name").asText();
        Map<String, String> shared = configMap("leadstream-config");
        assertThat(shared.get("LEADSTREAM_CASSANDRA_CONTACT_POINTS")).isEqualTo(cassandra.name() + "-" + dcName + "-service:9042");
        assertThat(shared.get("LEADSTREAM_CASSANDRA_LOCAL_DATACENTER")).isEqualTo(dcName);
        // The driver has no credentials option: with authentication on, every connection would be refused.
        assertThat(cassandra.at("/spec/auth").asBoolean(true)).isFalse();
        assertThat(Integer.parseInt(shared.get("LEADSTREAM_CASSANDRA_REPLICATION_FACTOR"))).isLessThanOrEqualTo(dc.path("size").asInt());
        assertThat(config.get(KafkaOptions.REPLICATION_FACTOR))
                .isLessThanOrEqualTo(one("kafka.strimzi.io/v1/KafkaNodePool", null).at("/spec/replicas").asInt());
    }

    @Test
    void gatewayAndWorkersShareTheAddressAndKeyOfEmailLinks() {
        // The workers write links to the gateway's address and sign them with the key the gateway checks them with.
        Map<String, String> gateway = environment(one("apps/v1/Deployment", "leadstream-gateway").at("/spec/template/spec/containers/0"));
        Map<String, String> workers = environment(one("apps/v1/Deployment", "leadstream-send-workers").at("/spec/template/spec/containers/0"));
        for (String name : List.of("LEADSTREAM_GATEWAY_PUBLIC_URL", "LEADSTREAM_GATEWAY_TOKEN_SECRET")) {
            assertThat(workers.get(name)).as(name).isNotBlank().isEqualTo(gateway.get(name));
        }
    }

    @Test
    void sendWorkersScaleOnTheLagOfTheirOwnGroup() {
        LeadStreamConfig config = sharedConfig();
        // CommandConsumer's group: worker.group-id, or <topic prefix>send-workers when that is empty (as here).
        assertThat(config.get(WorkerOptions.GROUP_ID)).isEmpty();
        String group = config.get(KafkaOptions.TOPIC_PREFIX) + "send-workers";
        String topic = TopicNames.from(config).sendCommands();
        Manifest hpa = one("autoscaling/v2/HorizontalPodAutoscaler", "leadstream-send-workers");
        JsonNode lag = hpa.at("/spec/metrics/0/external/metric");
        assertThat(lag.path("name").asText()).isEqualTo("kafka_consumergroup_lag");
        assertThat(lag.at("/selector/matchLabels/consumergroup").asText()).isEqualTo(group);
        assertThat(lag.at("/selector/matchLabels/topic").asText()).isEqualTo(topic);
        // A replica beyond the partitions gets none.
        assertThat(hpa.at("/spec/maxReplicas").asInt()).isLessThanOrEqualTo(config.get(KafkaOptions.PARTITIONS));
        // The Kafka Exporter reports only the groups and topics its regexes match.
        Manifest kafka = one("kafka.strimzi.io/v1/Kafka", null);
        assertThat(group).matches(kafka.at("/spec/kafkaExporter/groupRegex").asText());
        assertThat(topic).matches(kafka.at("/spec/kafkaExporter/topicRegex").asText());
    }

    @Test
    void theEngineIsUpgradedThroughSavepointsOnObjectStorageWithHa() throws IOException {
        Manifest engine = one("flink.apache.org/v1beta1/FlinkDeployment", null);
        JsonNode flink = engine.at("/spec/flinkConfiguration");
        Map<String, String> env = environment(engine.at("/spec/podTemplate/spec/containers/0"));
        assertThat(engine.at("/spec/job/upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(flink.path("execution.checkpointing.savepoint-dir").asText()).startsWith("s3://");
        assertThat(flink.path("high-availability.type").asText()).isEqualTo("kubernetes");
        assertThat(flink.path("high-availability.storageDir").asText()).startsWith("s3://");
        // EngineJob sets the checkpoint directory from this; the operator reads its copy.
        assertThat(env.get("LEADSTREAM_ENGINE_CHECKPOINT_DIR")).startsWith("s3://").isEqualTo(flink.path("execution.checkpointing.dir").asText());
        // They would pin the parallelism over the operator's job.parallelism, and override the savepoint it restores from.
        assertThat(engine.at("/spec/job/parallelism").asInt()).isPositive();
        assertThat(env).doesNotContainKeys("LEADSTREAM_ENGINE_PARALLELISM", "LEADSTREAM_ENGINE_RESTORE_PATH");
        // Topics and tables exist before the job starts: `leadstream setup` ahead of the JobManager.
        JsonNode setup = engine.at("/spec/jobManager/podTemplate/spec/initContainers/0");
        assertThat(setup.path("args").toString()).isEqualTo("[\"setup\"]");
        assertThat(setup.path("image").asText()).startsWith("leadstream/gateway:");

        // The image docker/Dockerfile builds: its Flink, the jar's place; and the Flink this build compiles against.
        String flinkVersion = CoreOptions.class.getPackage().getImplementationVersion();
        String dockerfile = Files.readString(Path.of("../docker/Dockerfile"));
        assertThat(dockerfile).contains("FROM flink:" + flinkVersion + "-java17 AS engine",
                engine.at("/spec/job/jarURI").asText().replace("local://", ""));
        assertThat(engine.at("/spec/job/entryClass").asText()).isEqualTo("io.leadstream.jobs.EngineJob");
        assertThat(engine.at("/spec/flinkVersion").asText()).isEqualTo("v" + flinkVersion.replaceAll("^(\\d+)\\.(\\d+).*", "$1_$2"));
        assertThat(env.get("ENABLE_BUILT_IN_PLUGINS")).isEqualTo("flink-s3-fs-hadoop-" + flinkVersion + ".jar");
    }

    @Test
    void everyLeadStreamImageIsOfOneRelease() {
        List<String> images = new ArrayList<>();
        for (Manifest doc : ALL) {
            CONTAINERS.getOrDefault(doc.type(), List.of()).forEach(pattern -> Manifest.select(doc.node(), pattern,
                    (path, container) -> images.add(container.path("image").asText())));
            images.add(doc.at("/spec/image").asText());
        }
        List<String> ours = images.stream().filter(i -> i.startsWith("leadstream/")).toList();
        assertThat(ours).extracting(i -> i.substring(0, i.indexOf(':')))
                .contains("leadstream/engine", "leadstream/gateway", "leadstream/send-workers");
        assertThat(ours).extracting(i -> i.substring(i.indexOf(':'))).as(ours.toString()).containsOnly(ours.get(0).substring(ours.get(0).indexOf(':')));
    }

    // --- the checks catch mistakes: each changes a copy of a manifest and expects the path and the reason ---

    @Test
    void aMisspelledFieldInADeploymentIsCaught() throws IOException {
        assertThat(problemsOfChanged("gateway.yaml", "readinessProbe:", "readinesProbe:")).singleElement().asString()
                .startsWith("/spec/template/spec/containers/0/readinesProbe: ").contains("V1Container");
    }

    @Test
    void aMissingRequiredFieldIsCaught() throws IOException {
        String line = "  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: leadstream-gateway}\n";
        assertThat(problemsOfChanged("gateway.yaml", line, "")).singleElement().asString()
                .startsWith("/spec: ").contains("required field `scaleTargetRef`");
    }

    @Test
    void aStringWhereTheSchemaHasAnIntegerIsCaught() throws IOException {
        assertThat(problemsOfChanged("gateway.yaml", "  minReplicas: 2", "  minReplicas: \"2\"")).singleElement().asString()
                .startsWith("/spec/minReplicas: ");
    }

    @Test
    void aMisspelledFieldInAStrimziResourceIsCaught() throws IOException {
        assertThat(problemsOfChanged("strimzi-kafka.yaml", "        tls: false", "        tsl: false")).singleElement().asString()
                .startsWith("/spec/kafka/listeners/0/tsl: ");
    }

    @Test
    void anUnknownStrimziEnumValueIsCaught() throws IOException {
        assertThat(problemsOfChanged("strimzi-kafka.yaml", "roles: [controller, broker]", "roles: [controller, brokers]"))
                .singleElement().asString().startsWith("/spec/roles/1: ").contains("'brokers'");
    }

    @Test
    void aStrimziFieldThatTheV1ApiDroppedIsCaught() throws IOException {
        // spec.kafka.replicas was v1beta2's; v1 has the node pools' instead.
        assertThat(problemsOfChanged("strimzi-kafka.yaml", "    version: 4.3.1\n", "    version: 4.3.1\n    replicas: 3\n"))
                .singleElement().asString().startsWith("/spec/kafka/replicas: ");
    }

    @Test
    void aMisspelledFieldInTheEnginePodTemplateIsCaught() throws IOException {
        String main = "          envFrom:\n            - configMapRef: {name: leadstream-config}\n          env:\n";
        assertThat(problemsOfChanged("engine-flinkdeployment.yaml", main, main.replace("envFrom", "envfrom"))).singleElement()
                .asString().startsWith("/spec/podTemplate/spec/containers/0/envfrom: ");
    }

    @Test
    void aMisspelledFlinkOptionIsCaught() throws IOException {
        assertThat(problemsOfChanged("engine-flinkdeployment.yaml", "high-availability.storageDir:", "high-availability.storage-dir:"))
                .singleElement().asString().startsWith("/spec/flinkConfiguration/high-availability.storage-dir: ");
    }

    @Test
    void aMisspelledFieldInTheCassandraVolumeClaimIsCaught() throws IOException {
        assertThat(problemsOfChanged("k8ssandra-cluster.yaml", "accessModes:", "accessMode:")).singleElement().asString()
                .startsWith("/spec/cassandra/datacenters/0/storageConfig/cassandraDataVolumeClaimSpec/accessMode: ");
    }

    @Test
    void aKeyGivenTwiceIsCaught() {
        assertThatThrownBy(() -> Manifest.parse("x.yaml", "kind: Secret\nkind: ConfigMap\n")).hasMessageContaining("Duplicate field 'kind'");
    }

    @Test
    void aKindWithoutAKnownDefinitionFails() {
        Manifest doc = Manifest.parse("x.yaml", "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: x}\n").get(0);
        assertThat(ManifestValidator.problems(doc)).singleElement().asString().contains("no published definition");
    }

    @Test
    void anUnknownLeadStreamVariableStopsTheProcess() {
        Map<String, String> env = new LinkedHashMap<>(configMap("leadstream-config"));
        env.put("LEADSTREAM_WORKER_SMTP_HOTS", "smtp.example.com");
        assertThatThrownBy(() -> LeadStreamConfig.load(null, env, AllOptions.list()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("LEADSTREAM_WORKER_SMTP_HOST");
    }

    // --- helpers ---

    /** The problems of a copy of a manifest file with one change; it must apply once, or the test tests something else. */
    private static List<String> problemsOfChanged(String file, String from, String to) throws IOException {
        String text = Files.readString(Manifest.DIR.resolve(file));
        assertThat(text.split(Pattern.quote(from), -1)).as("'" + from + "' in " + file).hasSize(2);
        return Manifest.parse(file, text.replace(from, to)).stream().flatMap(d -> ManifestValidator.problems(d).stream()).toList();
    }

    private static List<Manifest> ofType(String type) {
        return ALL.stream().filter(d -> d.type().equals(type)).toList();
    }

    /** The one document of this type (and name, unless null). */
    private static Manifest one(String type, String name) {
        List<Manifest> found = ofType(type).stream().filter(d -> name == null || d.name().equals(name)).toList();
        assertThat(found).as(type + " " + name).hasSize(1);
        return found.get(0);
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isEmpty()) {
            return false;
        }
        for (var it = selector.fields(); it.hasNext(); ) {
            var label = it.next();
            if (!label.getValue().equals(labels.get(label.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Every container of every workload, by {@code file #n Kind/name path}. */
    private static Map<String, JsonNode> containers() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Manifest doc : ALL) {
            CONTAINERS.getOrDefault(doc.type(), List.of()).forEach(pattern ->
                    Manifest.select(doc.node(), pattern, (path, container) -> out.put(doc + " " + path, container)));
        }
        assertThat(out).hasSizeGreaterThanOrEqualTo(3);
        return out;
    }

    /** A container's environment as Kubernetes gives it, with ConfigMaps and Secrets read from the manifests. */
    private static Map<String, String> environment(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            if (from.has("configMapRef")) {
                env.putAll(configMap(from.at("/configMapRef/name").asText()));
            }
            if (from.has("secretRef")) {
                env.putAll(secret(from.at("/secretRef/name").asText()));
            }
        }
        for (JsonNode var : container.path("env")) {
            String name = var.path("name").asText();
            JsonNode ref = var.at("/valueFrom/secretKeyRef");
            if (!ref.isMissingNode()) {
                String key = ref.path("key").asText();
                assertThat(secret(ref.path("name").asText())).as("secret key of " + name).containsKey(key);
                env.put(name, secret(ref.path("name").asText()).get(key));
            } else {
                env.put(name, var.path("value").asText());
            }
        }
        return env;
    }

    private static Map<String, String> configMap(String name) {
        Map<String, String> data = new LinkedHashMap<>();
        one("v1/ConfigMap", name).at("/data").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }

    private static Map<String, String> secret(String name) {
        Manifest secret = one("v1/Secret", name);
        Map<String, String> data = new LinkedHashMap<>();
        secret.at("/data").fields().forEachRemaining(e ->
                data.put(e.getKey(), new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)));
        secret.at("/stringData").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }

    /** The settings every process shares (config.yaml), as the processes read them. */
    private static LeadStreamConfig sharedConfig() {
        return LeadStreamConfig.load(null, configMap("leadstream-config"), AllOptions.list());
    }
}
