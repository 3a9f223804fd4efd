package io.raffinerie.it.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.it.ClusterIT;
import io.raffinerie.it.Resources;
import io.raffinerie.testsupport.PrometheusScrape;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A thousand broken variants of the examples against the real API server and the operator: each is refused at
 * admission with a message, or reconciled to a Ready condition (False with a reason for what is wrong), and the
 * operator never loops on an error.
 */
@QuarkusTest
@ClusterIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FuzzIT {
    static final String NS = "fuzz";
    static final int MUTATIONS = Integer.getInteger("fuzz.mutations", 1000);
    static final long SEED = Long.getLong("fuzz.seed", 20261129L);
    static final int ROUNDS = Integer.getInteger("fuzz.rounds", 4);
    static final int ROUND_SIZE = Integer.getInteger("fuzz.round-size", 250);
    static final ObjectMapper YAML = new YAMLMapper();
    static final java.util.Set<String> ALWAYS_WRONG = java.util.Set.of("forbidden-namespace", "cycle", "self-reference", "bad-cidr",
            "bad-time-zone", "huge-script", "both-targets");

    @Inject
    KubernetesClient client;

    @TestHTTPResource("/q/metrics")
    URI metrics;

    final List<JsonNode> seeds = new ArrayList<>();

    /** What became of one mutation. */
    record Outcome(Mutator.Mutation mutation, String name, String result, String detail) {
    }

    @BeforeAll
    void validExamplesInTheirEnvironment() throws IOException {
        Resources.readyEnvironment(client, NS);
        Resources.createNamespace(client, "fuzz-outside");
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            for (Path file : files.sorted().toList()) {
                ObjectNode manifest = (ObjectNode) YAML.readTree(Files.readString(file).replace("sales-dev", NS));
                seeds.add(manifest);
                if (!manifest.path("kind").asText().equals("DataEnvironment") && !manifest.path("kind").asText().equals("DataRun")) {
                    client.resource(generic(manifest)).serverSideApply();
                }
            }
        }
    }

    @Test
    @Order(1)
    void everyMutationIsRefusedWithAMessageOrReportedWithAReason() throws IOException {
        PrometheusScrape before = PrometheusScrape.from(metrics);
        long heapBefore = heapAfterGc();
        Mutator mutator = new Mutator(SEED);
        List<Outcome> outcomes = new ArrayList<>();
        List<Outcome> created = new ArrayList<>();
        for (int i = 0; i < MUTATIONS; i++) {
            // Environments create namespaces: one in twenty.
            JsonNode seed = i % 20 == 0 ? seeds.get(0) : seeds.get(1 + i % (seeds.size() - 1));
            Mutator.Mutation mutation = mutator.mutate(seed);
            String name = nameOf(mutation, i);
            try {
                client.resource(generic((ObjectNode) mutation.manifest())).create();
                created.add(new Outcome(mutation, name, "created", null));
            } catch (KubernetesClientException e) {
                assertThat(e.getCode()).as("%s %s: %s", mutation.mutationClass(), name, e.getMessage()).isBetween(400, 499);
                String message = Optional.ofNullable(e.getStatus()).map(s -> s.getMessage()).orElse(e.getMessage());
                assertThat(message).as("refusal of %s names the problem", mutation.mutationClass()).isNotBlank();
                outcomes.add(new Outcome(mutation, name, "refused " + e.getCode(), message));
            } catch (IllegalArgumentException e) {
                // fabric8 refuses some names before sending them (such as an empty name): refused at the client.
                outcomes.add(new Outcome(mutation, name, "refused by the client", e.getMessage()));
            }
        }
        for (Outcome pending : created) {
            outcomes.add(awaitReady(pending));
        }
        writeReport(outcomes);

        assertThat(outcomes).hasSize(MUTATIONS);
        // These mutations are wrong whatever they hit: none may end Ready=True.
        assertThat(outcomes).filteredOn(o -> ALWAYS_WRONG.contains(o.mutation().mutationClass()))
                .allSatisfy(o -> assertThat(o.result()).as("%s %s: %s", o.mutation().mutationClass(), o.name(),
                        o.mutation().manifest().path("spec")).isNotEqualTo("Ready=True"));
        assertThat(outcomes).as("every created object has a Ready condition").noneMatch(o -> o.result().equals("no condition"));
        assertThat(outcomes).filteredOn(o -> o.result().startsWith("Ready=False"))
                .allSatisfy(o -> assertThat(o.detail()).as(o.name()).matches("[A-Z][A-Za-z]+: .+").doesNotContain("Exception"));
        PrometheusScrape after = PrometheusScrape.from(metrics);
        double failures = after.increaseSince(before, "reconciliations_failure_total", Map.of());
        double started = after.increaseSince(before, "reconciliations_started_total", Map.of());
        System.out.printf("fuzz: %d mutations, %d created, reconciliations %.0f started, %.0f failed%n", MUTATIONS, created.size(),
                started, failures);
        // Bad input is a condition, not an exception that JOSDK retries: a handful of conflicts at most.
        assertThat(failures).isLessThanOrEqualTo(created.size() / 20.0);
        assertThat(client.resources(io.raffinerie.api.v1alpha1.DataJob.class).inNamespace(NS).withName("extract-orders").get()
                .getStatus().conditions).as("the valid examples stay Ready").anySatisfy(c -> assertThat(c.getStatus()).isEqualTo("True"));
        // Measured, not asserted (memory belongs to the benchmarks); the operator shares this JVM with the test.
        outcomes.clear();
        created.clear();
        Files.writeString(Path.of("target/fuzz-report.txt"), String.format("heap after GC (operator and test in one JVM): "
                + "%d MiB before the mutations, %d MiB after%n", heapBefore >> 20, heapAfterGc() >> 20),
                java.nio.file.StandardOpenOption.APPEND);
    }

    /**
     * Rounds of mutations, each reconciled and then deleted with all it made: the heap after GC and the number of
     * metric series stay where the first round left them. Heap is reported, and asserted only against a gross leak.
     */
    @Test
    @Order(2)
    void memoryAndMetricSeriesStayFlatOverRoundsOfMutations() throws IOException {
        Mutator mutator = new Mutator(SEED + 1);
        List<String> rounds = new ArrayList<>();
        long[] heap = new long[ROUNDS];
        int[] series = new int[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            List<Outcome> created = new ArrayList<>();
            for (int i = 0; i < ROUND_SIZE; i++) {
                // No environments: their namespaces never finish terminating where no namespace controller runs.
                Mutator.Mutation mutation = mutator.mutate(seeds.get(1 + i % (seeds.size() - 1)));
                String name = nameOf(mutation, 10_000 * (round + 1) + i);
                try {
                    client.resource(generic((ObjectNode) mutation.manifest())).create();
                    created.add(new Outcome(mutation, name, "created", null));
                } catch (KubernetesClientException | IllegalArgumentException refused) {
                    // refused, as the first test checks
                }
            }
            created.forEach(this::awaitReady);
            deleteWithWhatTheyMade(created);
            heap[round] = heapAfterGc();
            series[round] = PrometheusScrape.from(metrics).seriesCount("raffinerie_", "reconciliations_", "events_");
            rounds.add(String.format("round %d: %d mutations, %d created, then deleted; heap after GC %d MiB, %d metric series",
                    round + 1, ROUND_SIZE, created.size(), heap[round] >> 20, series[round]));
        }
        String report = String.join("\n", rounds) + "\n";
        Files.writeString(Path.of("target/fuzz-report.txt"), report, java.nio.file.StandardOpenOption.APPEND);
        System.out.print(report);
        assertThat(series[ROUNDS - 1]).as("metric series after the last round against the first").isLessThanOrEqualTo(series[0]);
        assertThat(heap[ROUNDS - 1] - heap[0]).as("heap growth over the rounds").isLessThan(64L << 20);
    }

    /** The round's objects, then the Jobs their runs made and the ConfigMaps and CronJobs their jobs made. */
    private void deleteWithWhatTheyMade(List<Outcome> created) {
        for (Outcome outcome : created) {
            client.genericKubernetesResources("raffinerie.io/v1alpha1", outcome.mutation().kind()).inNamespace(NS)
                    .withName(outcome.name()).delete();
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> created.stream()
                .allMatch(o -> get(o.mutation().kind(), NS, o.name()) == null));
        // No garbage collector runs here to follow owner references.
        client.batch().v1().jobs().inNamespace(NS).delete();
        client.configMaps().inNamespace(NS).list().getItems().stream().filter(FuzzIT::ownedByAMutation)
                .forEach(c -> client.resource(c).delete());
        client.batch().v1().cronjobs().inNamespace(NS).list().getItems().stream().filter(FuzzIT::ownedByAMutation)
                .forEach(c -> client.resource(c).delete());
    }

    private static boolean ownedByAMutation(io.fabric8.kubernetes.api.model.HasMetadata made) {
        return made.getMetadata().getOwnerReferences().stream().anyMatch(o -> o.getName().startsWith("fz-"));
    }

    private Outcome awaitReady(Outcome pending) {
        Mutator.Mutation mutation = pending.mutation();
        String namespace = mutation.kind().equals("DataEnvironment") ? null : NS;
        // A run that cannot start fails after its grace; the run history limits of its job or pipeline then delete
        // the oldest failed runs, so a run may be gone by the time it is read.
        boolean run = mutation.kind().equals("DataRun");
        try {
            // Awaitility never hands a null to the predicate: the resource comes wrapped.
            Optional<GenericKubernetesResource> ready = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Optional.ofNullable(get(mutation.kind(), namespace, pending.name())),
                            r -> r.isEmpty() && run || readyCondition(r.orElse(null)).isPresent());
            if (ready.isEmpty()) {
                return new Outcome(mutation, pending.name(), "deleted by the run history limits", null);
            }
            Map<String, Object> condition = readyCondition(ready.get()).orElseThrow();
            return new Outcome(mutation, pending.name(), "Ready=" + condition.get("status"),
                    condition.get("reason") + ": " + condition.get("message"));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return new Outcome(mutation, pending.name(), "no condition", abbreviate(String.valueOf(mutation.manifest())));
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private GenericKubernetesResource get(String kind, String namespace, String name) {
        var resources = client.genericKubernetesResources("raffinerie.io/v1alpha1", kind);
        return namespace == null ? resources.withName(name).get() : resources.inNamespace(namespace).withName(name).get();
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> readyCondition(GenericKubernetesResource resource) {
        if (resource == null || !(resource.getAdditionalProperties().get("status") instanceof Map<?, ?> status)) {
            return Optional.empty();
        }
        Object conditions = status.get("conditions");
        Long generation = resource.getMetadata().getGeneration();
        return conditions instanceof List<?> list ? list.stream().map(c -> (Map<String, Object>) c)
                .filter(c -> "Ready".equals(c.get("type")))
                .filter(c -> generation == null || generation.equals(((Number) c.getOrDefault("observedGeneration", -1)).longValue()))
                .findFirst() : Optional.empty();
    }

    /** Unique names, except where the name itself is the mutation; environments get a namespace of their own. */
    private static String nameOf(Mutator.Mutation mutation, int index) {
        ObjectNode manifest = (ObjectNode) mutation.manifest();
        ObjectNode metadata = (ObjectNode) manifest.path("metadata");
        if (!mutation.mutationClass().equals("weird-name")) {
            metadata.put("name", "fz-" + index);
        }
        if (mutation.kind().equals("DataEnvironment") && manifest.path("spec").isObject()
                && !mutation.mutationClass().equals("forbidden-namespace") && manifest.path("spec").has("namespace")) {
            ((ObjectNode) manifest.get("spec")).put("namespace", "fz-" + index);
        }
        return metadata.path("name").asText();
    }

    private static GenericKubernetesResource generic(ObjectNode manifest) {
        return new ObjectMapper().convertValue(manifest, GenericKubernetesResource.class);
    }

    private static long heapAfterGc() {
        System.gc();
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

    private static void writeReport(List<Outcome> outcomes) throws IOException {
        Map<String, Map<String, Integer>> table = new TreeMap<>();
        for (Outcome outcome : outcomes) {
            String result = outcome.result().startsWith("Ready=False") ? "Ready=False " + outcome.detail().split(":")[0]
                    : outcome.result();
            table.computeIfAbsent(outcome.mutation().kind() + " " + outcome.mutation().mutationClass(), k -> new TreeMap<>())
                    .merge(result, 1, Integer::sum);
        }
        StringBuilder report = new StringBuilder("Fuzzing: " + outcomes.size() + " mutations, seed " + SEED + "\n");
        table.forEach((mutation, results) -> report.append(mutation).append(": ").append(results).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/fuzz-report.txt"), report);
        System.out.print(report);
    }
}
