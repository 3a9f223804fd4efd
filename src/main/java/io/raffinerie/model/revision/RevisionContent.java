package io.raffinerie.model.revision;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of a revision: a spec normalised (keys sorted, null fields left out; an empty list or map is kept,
 * since {@code workspace: {}} asks for something) and its sha256. A pipeline's hash covers its jobs' revisions too:
 * a pipeline whose job changed is another version of the pipeline.
 */
public final class RevisionContent {
    public static final String PREFIX = "sha256:";
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private RevisionContent() {
    }

    /** The spec as a revision freezes it: a JSON tree, normalised. */
    public static JsonNode normalise(Object spec) {
        JsonNode tree = spec instanceof JsonNode node ? node : JSON.valueToTree(spec);
        JsonNode normal = normaliseNode(tree);
        return normal == null ? JsonNodeFactory.instance.objectNode() : normal;
    }

    /** sha256 of the normalised spec and, for a pipeline, of the revision of each of its jobs. */
    public static String hash(Object spec, Map<String, String> jobs) {
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.set("spec", normalise(spec));
        if (jobs != null && !jobs.isEmpty()) {
            content.set("jobs", JSON.valueToTree(new TreeMap<>(jobs)));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsString(content).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("a spec is always JSON and SHA-256 part of every JRE", e);
        }
    }

    /** A frozen spec read back as the target's spec class. */
    public static <T> T read(JsonNode spec, Class<T> type) {
        return JSON.convertValue(spec, type);
    }

    /** The normalised spec as indented JSON with sorted keys, one field a line: what a diff compares. */
    public static List<String> lines(JsonNode spec) {
        try {
            String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(spec == null ? null : normalise(spec));
            return List.of(text.split("\\R"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree is always JSON", e);
        }
    }

    private static JsonNode normaliseNode(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> {
                JsonNode value = normaliseNode(e.getValue());
                if (value != null) {
                    sorted.put(e.getKey(), value);
                }
            });
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            sorted.forEach(object::set);
            return object;
        }
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> array.add(item.isNull() ? item : normaliseNode(item)));
            return array;
        }
        return node;
    }
}
