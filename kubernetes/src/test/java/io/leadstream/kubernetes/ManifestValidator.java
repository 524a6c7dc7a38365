package io.leadstream.kubernetes;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimSpec;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.CoreOptions;

/**
 * Checks a manifest document against the published definition of its kind and returns every problem found, each
 * as {@code path: reason} (a JSON pointer into the document). Which definition, by kind (docs/kubernetes.md, What
 * the build validates):
 * <ul>
 *   <li>Kubernetes' own kinds: the official Java client's models ({@code io.kubernetes:client-java-api}), generated
 *       from the Kubernetes OpenAPI spec: their {@code validateJsonElement} rejects a field the spec does not define
 *       and a required field that is missing, as the API server does with strict field validation. Then fabric8's
 *       model of the same type, bound strictly, for the types of values (a string where the spec has an integer).</li>
 *   <li>Strimzi's kinds: Strimzi's API model ({@code io.strimzi:api}), the classes its CRDs are generated from, bound
 *       strictly: unknown fields, fields the v1 API dropped, wrong types, unknown enum values and {@code type}
 *       discriminators fail. Not checked: required fields, and the numeric bounds and patterns of the CRD.</li>
 *   <li>FlinkDeployment and K8ssandraCluster: their operators publish their CRDs in no package this build can fetch,
 *       so only what they embed from Kubernetes (metadata, pod templates, volume claims, resources) is checked, as
 *       above, and the FlinkDeployment's Flink configuration keys against Flink's own option definitions.</li>
 * </ul>
 * A kind in none of these fails: every document is checked, or the build says why not.
 */
final class ManifestValidator {
    /** A check of one JSON node that throws on its first mistake, naming it. */
    interface Check {
        void check(JsonElement json) throws IOException;
    }

    /**
     * A Kubernetes object's two checks: the official client's validator (unknown and missing required fields), then
     * fabric8's model of the same OpenAPI type bound strictly, for what the first does not look at (a string where
     * the spec has an integer, an object where it has a list).
     */
    record Kube(Check check, Class<?> model) {}

    private static final Map<String, Kube> KUBERNETES = Map.of(
            "v1/ConfigMap", new Kube(V1ConfigMap::validateJsonElement, ConfigMap.class),
            "v1/Secret", new Kube(V1Secret::validateJsonElement, Secret.class),
            "v1/Service", new Kube(V1Service::validateJsonElement, Service.class),
            "apps/v1/Deployment", new Kube(V1Deployment::validateJsonElement, Deployment.class),
            "autoscaling/v2/HorizontalPodAutoscaler", new Kube(V2HorizontalPodAutoscaler::validateJsonElement, HorizontalPodAutoscaler.class),
            "policy/v1/PodDisruptionBudget", new Kube(V1PodDisruptionBudget::validateJsonElement, PodDisruptionBudget.class));

    private static final Kube META = new Kube(V1ObjectMeta::validateJsonElement, ObjectMeta.class);
    private static final Kube POD = new Kube(V1Pod::validateJsonElement, Pod.class);
    private static final Kube RESOURCES = new Kube(V1ResourceRequirements::validateJsonElement, ResourceRequirements.class);
    private static final Kube CLAIM = new Kube(V1PersistentVolumeClaimSpec::validateJsonElement, PersistentVolumeClaimSpec.class);

    private static final Map<String, Class<?>> STRIMZI = Map.of(
            "kafka.strimzi.io/v1/Kafka", Kafka.class,
            "kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class);

    /** Custom resources checked in their Kubernetes parts only: JSON pointer pattern to the Kubernetes model it holds. */
    private static final Map<String, Map<String, Kube>> EMBEDDED = Map.of(
            "flink.apache.org/v1beta1/FlinkDeployment", Map.of(
                    "/metadata", META,
                    "/spec/podTemplate", POD,
                    "/spec/jobManager/podTemplate", POD,
                    "/spec/taskManager/podTemplate", POD),
            "k8ssandra.io/v1alpha1/K8ssandraCluster", Map.of(
                    "/metadata", META,
                    "/spec/cassandra/resources", RESOURCES,
                    "/spec/cassandra/storageConfig/cassandraDataVolumeClaimSpec", CLAIM,
                    "/spec/cassandra/datacenters/*/resources", RESOURCES,
                    "/spec/cassandra/datacenters/*/storageConfig/cassandraDataVolumeClaimSpec", CLAIM));

    /**
     * flinkConfiguration keys that are not Flink's core options by design: each reporter's own keys, the S3 file
     * system plugin's (it hands {@code s3.*} to its client), and the operator's own settings.
     */
    private static final List<String> FLINK_KEY_PREFIXES = List.of("metrics.reporter.", "s3.", "kubernetes.operator.");

    /**
     * Strimzi's and fabric8's models keep unknown fields in an "additional properties" map (@JsonAnySetter) rather
     * than failing; without any-setters, Jackson reports them, with the path. Duplicate keys, nulls for primitives and
     * numbers for enums fail too.
     */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return Boolean.FALSE;
                }
            })
            .addModule(new SimpleModule().setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                        BeanDescription description, JsonDeserializer<?> deserializer) {
                    return new KnownEnumValue(type.getRawClass(), deserializer);
                }

                /**
                 * Strimzi's v1 API dropped every property the model marks deprecated (they are v1beta2's, kept in the
                 * classes for the older version): unknown here, as in the v1 CRD.
                 */
                @Override
                public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                        BeanDeserializerBuilder builder) {
                    if (description.getBeanClass().getName().startsWith("io.strimzi.")) {
                        for (BeanPropertyDefinition property : description.findProperties()) {
                            if (Stream.of(property.getMutator(), property.getAccessor(), property.getField())
                                    .anyMatch(m -> m != null && m.hasAnnotation(Deprecated.class))) {
                                builder.removeProperty(property.getFullName());
                            }
                        }
                    }
                    return builder;
                }
            }))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                    DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            // "3" where the schema has an integer is an error for the API server; so it is here.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private static final Pattern UNKNOWN_FIELD = Pattern.compile("The field `([^`]+)` in the JSON string is not defined");

    private static Set<String> flinkKeys;

    /**
     * Strimzi's enums read an unknown value as null (their {@code forValue}), where the CRD generated from them lists
     * the values as an enum the API server enforces: null for a given value is an error here.
     */
    private static final class KnownEnumValue extends StdDeserializer<Object> implements ContextualDeserializer {
        private final JsonDeserializer<?> delegate;

        KnownEnumValue(Class<?> type, JsonDeserializer<?> delegate) {
            super(type);
            this.delegate = delegate;
        }

        @Override
        public Object deserialize(com.fasterxml.jackson.core.JsonParser p, DeserializationContext ctxt) throws IOException {
            String given = p.getText();
            Object value = delegate.deserialize(p, ctxt);
            if (value == null) {
                throw InvalidFormatException.from(p, "'" + given + "' is not a value of " + handledType().getSimpleName(), given, handledType());
            }
            return value;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) throws JsonMappingException {
            JsonDeserializer<?> inner = delegate instanceof ContextualDeserializer c ? c.createContextual(ctxt, property) : delegate;
            return inner == delegate ? this : new KnownEnumValue(handledType(), inner);
        }
    }

    private ManifestValidator() {}

    /** Every problem of the document, {@code path: reason}; empty when it matches its kind's definition. */
    static List<String> problems(Manifest doc) {
        List<String> out = new ArrayList<>();
        String type = doc.type();
        if (KUBERNETES.containsKey(type)) {
            kubernetes(doc.node(), "", KUBERNETES.get(type), out);
        } else if (STRIMZI.containsKey(type)) {
            bind(doc.node(), "", STRIMZI.get(type), out);
        } else if (EMBEDDED.containsKey(type)) {
            EMBEDDED.get(type).forEach((pattern, check) ->
                    Manifest.select(doc.node(), pattern, (path, node) -> kubernetes(node, path, check, out)));
            if (type.startsWith("flink.apache.org/")) {
                flinkConfiguration(doc.at("/spec/flinkConfiguration"), out);
            }
        } else {
            out.add("/: no published definition is known for " + type + " (add its model to ManifestValidator)");
        }
        return out;
    }

    /** The official client's check of {@code node}, then the strict binding; the client names the model and the field, this adds the path. */
    private static void kubernetes(JsonNode node, String path, Kube kube, List<String> out) {
        try {
            kube.check().check(JsonParser.parseString(node.toString()));
            bind(node, path, kube.model(), out);
        } catch (IOException | RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            // "... properties. JSON: {the offending object}" / "... not found in the JSON string: {...}"
            int json = Math.max(message.indexOf(". JSON: "), message.indexOf(" JSON string: "));
            String where = path.isEmpty() ? "/" : path;
            if (json > 0) {
                String object = message.substring(message.indexOf(": ", json) + 2);
                try {
                    String inner = Manifest.pathOf(node, STRICT.readTree(object));
                    where = path + (inner.equals("/") ? "" : inner);
                } catch (IOException notJson) {
                    // The message's own words still name the model and the field.
                }
                message = message.substring(0, json + 1).replaceFirst(" is not found in the $", " is missing.");
            }
            Matcher unknown = UNKNOWN_FIELD.matcher(message);
            if (unknown.find()) {
                where = (where.equals("/") ? "" : where) + "/" + unknown.group(1);
            }
            out.add((where.isEmpty() ? "/" : where) + ": " + message);
        }
    }

    private static void bind(JsonNode node, String at, Class<?> model, List<String> out) {
        try {
            STRICT.treeToValue(node, model);
        } catch (JsonMappingException e) {
            StringBuilder path = new StringBuilder(at);
            for (JsonMappingException.Reference ref : e.getPath()) {
                path.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
            }
            out.add((path.isEmpty() ? "/" : path) + ": " + e.getOriginalMessage());
        } catch (IOException | IllegalArgumentException e) {
            out.add((at.isEmpty() ? "/" : at) + ": " + e.getMessage());
        }
    }

    private static void flinkConfiguration(JsonNode config, List<String> out) {
        Set<String> known = flinkKeys();
        config.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key) && FLINK_KEY_PREFIXES.stream().noneMatch(key::startsWith)) {
                out.add("/spec/flinkConfiguration/" + key + ": not an option of Flink " + CoreOptions.class.getPackage()
                        .getImplementationVersion() + " (Flink ignores keys it does not know)");
            } else if (!config.get(key).isTextual()) {
                // Flink reads every value from text; strings are what every version of the operator's CRD accepts.
                out.add("/spec/flinkConfiguration/" + key + ": quote the value: a string, not " + config.get(key).getNodeType());
            }
        });
    }

    /** The key of every ConfigOption constant in flink-core's *Options classes; not their fallback (older) names. */
    static synchronized Set<String> flinkKeys() {
        if (flinkKeys == null) {
            Set<String> keys = new TreeSet<>();
            try (JarFile jar = new JarFile(Path.of(CoreOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toFile())) {
                for (String entry : jar.stream().map(JarEntry::getName).toList()) {
                    if (entry.startsWith("org/apache/flink/configuration/") && entry.endsWith("Options.class") && !entry.contains("$")) {
                        Class<?> holder = Class.forName(entry.replace('/', '.').replace(".class", ""));
                        for (Field f : holder.getFields()) {
                            if (Modifier.isStatic(f.getModifiers()) && ConfigOption.class.isAssignableFrom(f.getType())) {
                                keys.add(((ConfigOption<?>) f.get(null)).key());
                            }
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("Cannot list Flink's options: " + e, e);
            }
            flinkKeys = keys;
        }
        return flinkKeys;
    }
}
