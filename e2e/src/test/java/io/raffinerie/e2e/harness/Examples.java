package io.raffinerie.e2e.harness;

import static io.raffinerie.e2e.harness.Raffinerie.readyStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The project's examples/ as the install suites apply them: a GitOps tool's sync, then every example Ready or Succeeded. */
public final class Examples {
    public static final String NAMESPACE = "sales-dev";
    public static final String GITOPS_MANAGER = "argocd";
    static final String CLAIM = "daily-sales-workspace";

    private final Cluster cluster;
    private final Raffinerie raffinerie;
    private final Path dir;
    private final String volume;

    /** {@code volume}: the name of the PersistentVolume made for the example pipeline's workspace claim. */
    public Examples(Cluster cluster, Path root, String volume) {
        this.cluster = cluster;
        this.raffinerie = new Raffinerie(cluster);
        this.dir = root.resolve("examples");
        this.volume = volume;
    }

    public Path dir() {
        return dir;
    }

    /** Every object of examples/, in file order. */
    public List<GenericKubernetesResource> all() {
        try (Stream<Path> files = Files.list(dir)) {
            List<GenericKubernetesResource> all = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (HasMetadata item : cluster.client().load(in).items()) {
                        all.add((GenericKubernetesResource) item);
                    }
                }
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The environment first (it creates the namespace), then {@code beforeTheRest}, then everything, as an Argo CD
     * sync wave would; the workspace volume is on {@code workspace} of the node (a real node mounts it, KWOK never).
     */
    public void applyAsGitOps(Path workspace, Runnable beforeTheRest) {
        cluster.kubectl("apply", "--server-side", "--field-manager=" + GITOPS_MANAGER,
                "-f", dir.resolve("00-environment.yaml").toString()).assertOk();
        raffinerie.awaitReady("DataEnvironment", null, NAMESPACE);
        beforeTheRest.run();
        workspace(workspace);
        cluster.kubectl("apply", "--server-side", "--field-manager=" + GITOPS_MANAGER, "-f", dir.toString()).assertOk();
    }

    /** The claim the example pipeline mounts (spec.workspace), bound to a volume of its own, as `make run` makes them. */
    private void workspace(Path path) {
        cluster.kubectl("delete", "persistentvolume", volume, "--ignore-not-found", "--timeout=60s");
        cluster.kubectlWithInput("""
                apiVersion: v1
                kind: PersistentVolume
                metadata: {name: %1$s}
                spec:
                  capacity: {storage: 1Gi}
                  accessModes: [ReadWriteMany]
                  storageClassName: ""
                  claimRef: {namespace: %2$s, name: %3$s}
                  hostPath: {path: %4$s}
                ---
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: %3$s, namespace: %2$s}
                spec:
                  accessModes: [ReadWriteMany]
                  storageClassName: ""
                  volumeName: %1$s
                  resources: {requests: {storage: 1Gi}}
                """.formatted(volume, NAMESPACE, CLAIM, path), "apply", "-f", "-").assertOk();
    }

    public void awaitEverySucceeded() {
        for (GenericKubernetesResource example : all()) {
            if ("DataRun".equals(example.getKind())) {
                raffinerie.awaitPhase(NAMESPACE, name(example), "Succeeded");
            } else {
                GenericKubernetesResource ready = raffinerie.awaitReady(example.getKind(),
                        example.getMetadata().getNamespace(), name(example));
                assertThat(readyStatus(ready)).isEqualTo("True");
            }
        }
    }

    public void remove() {
        raffinerie.deleteEnvironment(NAMESPACE);
        cluster.kubectl("delete", "namespace", NAMESPACE, "--ignore-not-found", "--timeout=90s");
        await("examples removed").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> cluster.client().namespaces().withName(NAMESPACE).get() == null
                        && raffinerie.get("DataEnvironment", null, NAMESPACE) == null);
        cluster.kubectl("delete", "persistentvolume", volume, "--ignore-not-found", "--wait=false");
    }

    /** Who holds the operator's leader lease in {@code namespace} ("" for nobody). */
    public static String leaseHolder(Cluster cluster, String namespace) {
        Lease lease = cluster.client().leases().inNamespace(namespace).withName("raffinerie-operator").get();
        return lease == null || lease.getSpec().getHolderIdentity() == null ? "" : lease.getSpec().getHolderIdentity();
    }

    public static String name(HasMetadata resource) {
        return resource.getMetadata().getName();
    }
}
