package io.raffinerie.it;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataPromotion;
import io.raffinerie.api.v1alpha1.DataPromotionApproval;
import io.raffinerie.api.v1alpha1.DataRevision;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataTechnology;
import io.raffinerie.api.v1alpha1.Status;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The CRDs as committed in crds/: the ones the build generates into target/kubernetes, with the printer columns
 * in the order the classes declare them (the generator sorts them by JSON path, which puts Age first), and the
 * kind's {@link JsonClassDescription} as the schema's own description (the generator takes field descriptions only),
 * which `kubectl explain` prints for the kind.
 */
public final class CrdFiles {
    public static final Path COMMITTED = Path.of("crds");
    static final Path GENERATED = Path.of("target", "kubernetes");
    static final List<Class<?>> KINDS = List.of(DataEnvironment.class, DataJob.class, DataPipeline.class, DataRun.class,
            DataTechnology.class, DataRevision.class, DataPromotion.class, DataPromotionApproval.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    private CrdFiles() {
    }

    /** File name of a kind's CRD, such as dataruns.raffinerie.io.yaml. */
    static String fileName(Class<?> kind) {
        return io.fabric8.kubernetes.api.model.HasMetadata.getPlural(kind.asSubclass(io.fabric8.kubernetes.api.model.HasMetadata.class))
                + ".raffinerie.io.yaml";
    }

    public static List<Path> committed() {
        return KINDS.stream().map(kind -> COMMITTED.resolve(fileName(kind))).toList();
    }

    /** The CRD of a kind as it should be committed, from the build's output. */
    static String expected(Class<?> kind) {
        try {
            Path generated = GENERATED.resolve(fileName(kind).replace(".yaml", "-v1.yml"));
            ObjectNode crd = (ObjectNode) YAML.readTree(Files.readString(generated));
            for (JsonNode version : crd.path("spec").path("versions")) {
                ((ObjectNode) version).set("additionalPrinterColumns", declaredOrder(kind, (ArrayNode) version.get("additionalPrinterColumns")));
                describeKind(kind, (ObjectNode) version.path("schema").path("openAPIV3Schema"));
            }
            return "# Generated from the classes in io.raffinerie.api.v1alpha1 by `make crds`; do not edit.\n"
                    + YAML.writeValueAsString(crd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void describeKind(Class<?> kind, ObjectNode schema) {
        JsonClassDescription description = kind.getAnnotation(JsonClassDescription.class);
        if (description != null && !schema.has("description")) {
            ObjectNode described = schema.objectNode().put("description", description.value());
            described.setAll(schema);
            schema.removeAll().setAll(described);
        }
    }

    private static ArrayNode declaredOrder(Class<?> kind, ArrayNode columns) {
        List<String> names = Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name).toList();
        List<JsonNode> sorted = new ArrayList<>();
        columns.forEach(sorted::add);
        sorted.sort((a, b) -> Integer.compare(names.indexOf(a.get("name").asText()), names.indexOf(b.get("name").asText())));
        ArrayNode result = columns.arrayNode();
        sorted.forEach(result::add);
        return result;
    }

    /** The class of one of our kinds, by its kind name. */
    @SuppressWarnings("unchecked")
    static Class<? extends CustomResource<?, ? extends Status>> kindNamed(String kind) {
        return (Class<? extends CustomResource<?, ? extends Status>>) KINDS.stream()
                .filter(k -> k.getSimpleName().equals(kind)).findFirst().orElseThrow();
    }

    static Stream<Class<?>> kinds() {
        return KINDS.stream();
    }
}
