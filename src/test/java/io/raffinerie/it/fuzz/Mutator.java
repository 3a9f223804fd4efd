package io.raffinerie.it.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;

/**
 * Mutations of valid manifests, by class: each takes a copy of a valid object and breaks it one way. Seeded, so that
 * a failure names a mutation that can be replayed.
 */
final class Mutator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String ONE_MIB = "x".repeat(1024 * 1024);
    private static final List<String> WEIRD_TEXT = List.of("", " ", "\u0000", "\u0007bell", "line\nbreak", "tab\there",
            "ünïcödé-名前", "🚀🚀", "<script>alert(1)</script>", "$(rm -rf /)", "${jndi:ldap://x}", "../../etc/passwd",
            "a".repeat(300), "\uFEFFbom", "\u202Eright-to-left");
    private static final List<String> BAD_CRONS = List.of("* * *", "61 * * * *", "* * * * * * *", "0 0 31 2 *", "@every 5m",
            "every day", "0 25 * * *", "*/0 * * * *", "", "🕐 * * * *");
    private static final List<String> BAD_DURATIONS = List.of("-5m", "1y", "abc", "99999999999h", "5", "1h-", "PT1H", "0s",
            "1.5.5m", "");
    private static final List<String> BAD_CIDRS = List.of("300.1.1.1/33", "10.0.0.0/99", "::/129", "10.0.0.0", "not-a-cidr",
            "10.0.0.0/8 ", "0.0.0.0/0/0", "");

    record Mutation(String kind, String mutationClass, JsonNode manifest) {
    }

    private final Random random;

    Mutator(long seed) {
        this.random = new Random(seed);
    }

    /** A broken copy of {@code valid}, of a class drawn from those that apply to its kind. */
    Mutation mutate(JsonNode valid) {
        ObjectNode copy = valid.deepCopy();
        String kind = copy.path("kind").asText();
        Map<String, BiConsumer<ObjectNode, Random>> classes = new java.util.LinkedHashMap<>();
        classes.put("wrong-type", this::wrongType);
        classes.put("missing-field", this::missingField);
        classes.put("huge-value", this::hugeValue);
        classes.put("weird-text", this::weirdText);
        classes.put("weird-name", (m, r) -> ((ObjectNode) m.path("metadata")).put("name", pick(WEIRD_TEXT)));
        classes.put("deep-nesting", this::deepNesting);
        switch (kind) {
            case "DataJob" -> {
                classes.put("bad-cron", (m, r) -> schedule(m).put("cron", pick(BAD_CRONS)));
                classes.put("bad-duration", (m, r) -> spec(m).put("timeout", pick(BAD_DURATIONS)));
                classes.put("huge-script", (m, r) -> spec(m).put("script", ONE_MIB));
                classes.put("bad-time-zone", (m, r) -> schedule(m).put("timeZone", pick(List.of("Mars/Olympus", "UTC+25", ""))));
            }
            case "DataPipeline" -> {
                classes.put("self-reference", this::selfReference);
                classes.put("cycle", this::cycle);
                classes.put("huge-pipeline", this::hugePipeline);
                classes.put("bad-duration", (m, r) -> spec(m).put("timeout", pick(BAD_DURATIONS)));
                classes.put("dangling-reference", (m, r) -> ((ObjectNode) spec(m).path("steps").get(0)).put("jobRef",
                        pick(List.of("missing-job", "other-ns/extract-orders", "EXTRACT", ""))));
            }
            case "DataRun" -> {
                classes.put("self-reference", (m, r) -> spec(m).put("retryOf", m.path("metadata").path("name").asText()));
                classes.put("dangling-reference", (m, r) -> spec(m).put("pipelineRef",
                        pick(List.of("missing-pipeline", "other/daily-sales", ""))));
                classes.put("both-targets", (m, r) -> spec(m).put(spec(m).has("jobRef") ? "pipelineRef" : "jobRef", "daily-sales"));
            }
            case "DataEnvironment" -> {
                classes.put("bad-cidr", (m, r) -> ((ObjectNode) spec(m).path("network").path("egress").get(0)).put("cidr",
                        pick(BAD_CIDRS)));
                classes.put("forbidden-namespace", (m, r) -> spec(m).put("namespace",
                        pick(List.of("kube-system", "kube-public", "default", "raffinerie-system", "fuzz-outside"))));
                classes.put("bad-quantity", (m, r) -> ((ObjectNode) spec(m).path("quota")).put("cpu",
                        pick(List.of("-1", "8 cores", "1e400", ""))));
            }
            default -> throw new IllegalArgumentException("no mutations for " + kind);
        }
        List<String> names = new ArrayList<>(classes.keySet());
        String chosen = names.get(random.nextInt(names.size()));
        classes.get(chosen).accept(copy, random);
        return new Mutation(kind, chosen, copy);
    }

    private void wrongType(ObjectNode manifest, Random r) {
        Slot slot = randomSlot(spec(manifest));
        JsonNode current = slot.get();
        List<JsonNode> others = new ArrayList<>(List.of(NODES.textNode("text"), NODES.numberNode(42), NODES.booleanNode(true),
                NODES.arrayNode().add("a"), NODES.objectNode().put("k", "v"), NODES.nullNode()));
        others.removeIf(candidate -> candidate.getNodeType() == current.getNodeType());
        slot.set(others.get(r.nextInt(others.size())));
    }

    private void missingField(ObjectNode manifest, Random r) {
        if (r.nextInt(10) == 0) {
            manifest.remove("spec");
            return;
        }
        randomSlot(spec(manifest)).remove();
    }

    private void hugeValue(ObjectNode manifest, Random r) {
        Slot slot = randomSlot(spec(manifest));
        slot.set(slot.get().isNumber() || r.nextBoolean()
                ? NODES.numberNode(pick(List.of(Long.MAX_VALUE, Long.MIN_VALUE, -1L, 0L)))
                : NODES.textNode(ONE_MIB));
    }

    private void weirdText(ObjectNode manifest, Random r) {
        Slot slot = randomSlot(spec(manifest));
        slot.set(NODES.textNode(pick(WEIRD_TEXT)));
    }

    private void deepNesting(ObjectNode manifest, Random r) {
        ObjectNode deep = NODES.objectNode();
        ObjectNode cursor = deep;
        for (int i = 0; i < 200; i++) {
            cursor = cursor.putObject("nested");
        }
        randomSlot(spec(manifest)).set(deep);
    }

    private void selfReference(ObjectNode manifest, Random r) {
        ArrayNode steps = (ArrayNode) spec(manifest).path("steps");
        ObjectNode step = (ObjectNode) steps.get(r.nextInt(steps.size()));
        step.putArray("dependsOn").add(step.path("name").asText());
    }

    private void cycle(ObjectNode manifest, Random r) {
        ArrayNode steps = (ArrayNode) spec(manifest).path("steps");
        ((ObjectNode) steps.get(0)).putArray("dependsOn").add(steps.get(steps.size() - 1).path("name").asText());
    }

    private void hugePipeline(ObjectNode manifest, Random r) {
        ArrayNode steps = spec(manifest).putArray("steps");
        int count = pick(List.of(101, 1000, 10_000));
        for (int i = 0; i < count; i++) {
            ObjectNode step = steps.addObject().put("name", "s" + i).put("jobRef", "extract-orders");
            if (i > 0) {
                step.putArray("dependsOn").add("s" + (i - 1));
            }
        }
    }

    private static ObjectNode spec(ObjectNode manifest) {
        return manifest.has("spec") && manifest.get("spec").isObject() ? (ObjectNode) manifest.get("spec") : manifest.putObject("spec");
    }

    private static ObjectNode schedule(ObjectNode manifest) {
        ObjectNode spec = spec(manifest);
        return spec.has("schedule") ? (ObjectNode) spec.get("schedule") : spec.putObject("schedule").put("cron", "0 2 * * *");
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A place in the tree that holds a value: a field of an object or an element of an array. */
    private record Slot(JsonNode parent, String field, int index) {
        JsonNode get() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (field != null) {
                ((ObjectNode) parent).remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    /** A uniformly drawn slot among all the slots below {@code root}. */
    private Slot randomSlot(JsonNode root) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty()) {
            ((ObjectNode) root).put("unexpected", "field");
            collect(root, slots);
        }
        return slots.get(random.nextInt(slots.size()));
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                slots.add(new Slot(node, name, -1));
                collect(node.get(name), slots);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                slots.add(new Slot(node, null, i));
                collect(node.get(i), slots);
            }
        }
    }
}
