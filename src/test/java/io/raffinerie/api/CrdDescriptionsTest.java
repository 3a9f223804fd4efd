package io.raffinerie.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every property of every committed CRD (crds/*.yaml) has a description, so that `kubectl explain` and the API
 * reference (docs/api.md, generated from crds/) say what each field is. A free-form field
 * (x-kubernetes-preserve-unknown-fields) has no properties to walk and needs its own description only.
 */
class CrdDescriptionsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<Path> crds() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("crds"))) {
            List<Path> yamls = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertThat(yamls).as("CRDs in crds/").isNotEmpty();
            return yamls.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("crds")
    void everyPropertyHasADescription(Path crd) throws IOException {
        JsonNode root = YAML.readTree(crd.toFile());
        String kind = root.path("spec").path("names").path("kind").asText();
        List<String> undescribed = new ArrayList<>();
        for (JsonNode version : root.path("spec").path("versions")) {
            JsonNode schema = version.path("schema").path("openAPIV3Schema");
            assertThat(schema.isObject()).as("%s %s has an openAPIV3Schema", kind, version.path("name").asText()).isTrue();
            if (!described(schema)) {
                undescribed.add("(the kind itself)");
            }
            walk(schema, "", undescribed);
        }
        assertThat(undescribed).as("%s (%s): properties without a description; add @JsonPropertyDescription to the field "
                + "(a Kubernetes type takes its schema from a twin in io.raffinerie.api.v1alpha1.schema), then `make crds`",
                kind, crd).isEmpty();
    }

    /** Collects the JSON path of every property under this schema that has no description. */
    static void walk(JsonNode schema, String path, List<String> undescribed) {
        schema.path("properties").fields().forEachRemaining(property -> {
            String child = path + "." + property.getKey();
            if (!described(property.getValue())) {
                undescribed.add(child);
            }
            walk(property.getValue(), child, undescribed);
        });
        if (schema.has("items")) {
            walk(schema.get("items"), path + "[]", undescribed);
        }
        if (schema.path("additionalProperties").isObject()) {
            walk(schema.get("additionalProperties"), path + "[*]", undescribed);
        }
    }

    private static boolean described(JsonNode schema) {
        return !schema.path("description").asText().isBlank();
    }
}
