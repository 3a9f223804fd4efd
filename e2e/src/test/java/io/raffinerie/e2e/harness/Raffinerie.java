package io.raffinerie.e2e.harness;


import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** The raffinerie.io resources as a user sees them: YAML in, generic objects out. */
public final class Raffinerie {
    public static final String API_VERSION = "raffinerie.io/v1alpha1";
    public static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final Cluster cluster;

    public Raffinerie(Cluster cluster) {
        this.cluster = cluster;
    }

    public KubernetesClient client() {
        return cluster.client();
    }

    public MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> kind(
            String kind) {
        return cluster.client().genericKubernetesResources(API_VERSION, kind);
    }

    /** `kubectl apply --server-side` of a YAML document, as a user or a GitOps tool would. */
    public void apply(String yaml) {
        cluster.kubectlWithInput(yaml, "apply", "--server-side", "-f", "-").assertOk();
    }

    /** `kubectl create` (for DataRuns, which are created, not applied). */
    public void create(String yaml) {
        cluster.kubectlWithInput(yaml, "create", "-f", "-").assertOk();
    }

    /** An environment whose namespace is {@code name}, provisioned and Ready. */
    public void environment(String name, String extraSpec) {
        apply("""
                apiVersion: raffinerie.io/v1alpha1
                kind: DataEnvironment
                metadata: {name: %s}
                spec:
                  deletionPolicy: Delete
                %s
                """.formatted(name, extraSpec == null ? "" : extraSpec.indent(2)));
        awaitReady("DataEnvironment", null, name);
    }

    /** A DataJob, Ready; {@code extraSpec} is YAML below spec.technology. */
    public void job(String namespace, String name, String technology, String extraSpec) {
        apply("""
                apiVersion: raffinerie.io/v1alpha1
                kind: DataJob
                metadata: {name: %s, namespace: %s}
                spec:
                  technology: %s
                %s
                """.formatted(name, namespace, technology, extraSpec.indent(2)));
        awaitReady("DataJob", namespace, name);
    }

    /** A DataPipeline, Ready; {@code stepsYaml} is the list under spec.steps, {@code extraSpec} more YAML below it. */
    public void pipeline(String namespace, String name, String stepsYaml, String extraSpec) {
        apply("""
                apiVersion: raffinerie.io/v1alpha1
                kind: DataPipeline
                metadata: {name: %s, namespace: %s}
                spec:
                  steps:
                %s
                %s
                """.formatted(name, namespace, stepsYaml.indent(4), extraSpec == null ? "" : extraSpec.indent(2)));
        awaitReady("DataPipeline", namespace, name);
    }

    /** A DataRun; {@code ref} is jobRef or pipelineRef, {@code extra} more flow-style YAML fields, or null. */
    public void run(String namespace, String name, String ref, String target, String extra) {
        create("""
                apiVersion: raffinerie.io/v1alpha1
                kind: DataRun
                metadata: {name: %s, namespace: %s}
                spec: {%s: %s%s}
                """.formatted(name, namespace, ref, target, extra == null || extra.isEmpty() ? "" : ", " + extra));
    }

    public void deleteEnvironment(String name) {
        kind("DataEnvironment").withName(name).delete();
    }

    public GenericKubernetesResource get(String kind, String namespace, String name) {
        return namespace == null ? kind(kind).withName(name).get() : kind(kind).inNamespace(namespace).withName(name).get();
    }

    public GenericKubernetesResource await(String kind, String namespace, String name, Predicate<GenericKubernetesResource> until) {
        return org.awaitility.Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> get(kind, namespace, name), r -> r != null && until.test(r));
    }

    public GenericKubernetesResource awaitReady(String kind, String namespace, String name) {
        return await(kind, namespace, name, r -> "True".equals(readyStatus(r)));
    }

    public GenericKubernetesResource awaitPhase(String namespace, String run, String phase) {
        return await("DataRun", namespace, run, r -> phase.equals(status(r).get("phase")));
    }

    /** How many of these runs are terminal: Succeeded, Failed or Cancelled. */
    public long finished(String namespace, List<String> runs) {
        Set<String> names = Set.copyOf(runs);
        return kind("DataRun").inNamespace(namespace).list().getItems().stream()
                .filter(r -> names.contains(r.getMetadata().getName()))
                .filter(Raffinerie::isFinished)
                .count();
    }

    /** Whether the run is terminal: Succeeded, Failed or Cancelled. */
    public static boolean isFinished(GenericKubernetesResource run) {
        return List.of("Succeeded", "Failed", "Cancelled").contains(String.valueOf(status(run).get("phase")));
    }

    /** The run once it is terminal, waiting at most {@code atMost} (real pods take longer than {@link #TIMEOUT}). */
    public GenericKubernetesResource awaitFinished(String namespace, String run, Duration atMost) {
        return org.awaitility.Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(250))
                .until(() -> get("DataRun", namespace, run), r -> r != null && isFinished(r));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> status(GenericKubernetesResource resource) {
        Object status = resource.getAdditionalProperties().get("status");
        return status == null ? Map.of() : (Map<String, Object>) status;
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> steps(GenericKubernetesResource run) {
        return (List<Map<String, Object>>) status(run).getOrDefault("steps", List.of());
    }

    @SuppressWarnings("unchecked")
    public static String readyStatus(GenericKubernetesResource resource) {
        List<Map<String, Object>> conditions = (List<Map<String, Object>>) status(resource).getOrDefault("conditions", List.of());
        return conditions.stream().filter(c -> "Ready".equals(c.get("type"))).map(c -> (String) c.get("status")).findFirst().orElse(null);
    }

    /** Waits until {@code check} holds, polling. */
    public static void eventually(Runnable check) {
        org.awaitility.Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).untilAsserted(check::run);
    }

    public static Optional<Object> field(Map<String, Object> map, String key) {
        return Optional.ofNullable(map.get(key));
    }
}
