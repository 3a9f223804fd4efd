package io.raffinerie.e2e.operator;

import static io.raffinerie.e2e.harness.Raffinerie.readyStatus;
import static io.raffinerie.e2e.harness.Raffinerie.status;
import static io.raffinerie.e2e.harness.Raffinerie.steps;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.ExecResult;
import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.e2e.harness.Raffinerie;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The technology catalog as a platform team uses it, through kubectl only: add a technology, deprecate then disable a
 * version, restrict a technology to some environments, and read who uses what. KWOK plays the pods.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogIT {
    static final String NS = "e2e-catalog";
    static final String ANALYTICS = "e2e-catalog-analytics";
    static final String SIM = """
            podMetadata:
              annotations: {raffinerie.io/sim-duration: 1s, raffinerie.io/sim-log: "done"}
            """;

    final Cluster cluster = Cluster.get();
    final Raffinerie raffinerie = new Raffinerie(cluster);

    @BeforeAll
    void environments() {
        Operator.shared();
        raffinerie.environment(NS, null);
        raffinerie.apply("""
                apiVersion: raffinerie.io/v1alpha1
                kind: DataEnvironment
                metadata: {name: %s, labels: {tier: analytics}}
                spec: {deletionPolicy: Delete}
                """.formatted(ANALYTICS));
        raffinerie.awaitReady("DataEnvironment", null, ANALYTICS);
    }

    @AfterAll
    void restoreTheShippedCatalog() {
        // Deleted first: re-applying would not take back the fields other managers (the restriction) own.
        for (String technology : List.of("r", "python", "spark")) {
            raffinerie.kind("DataTechnology").withName(technology).delete();
        }
        cluster.kubectl("apply", "--server-side", "--force-conflicts", "-f",
                cluster.e2eDir().getParent().resolve("operator/technologies.yaml").toString()).assertOk();
        raffinerie.deleteEnvironment(NS);
        raffinerie.deleteEnvironment(ANALYTICS);
    }

    @Test
    @Order(1)
    void aPlatformTeamAddsRAndAJobUsingItRuns() {
        raffinerie.apply("""
                apiVersion: raffinerie.io/v1alpha1
                kind: DataTechnology
                metadata: {name: r}
                spec:
                  displayName: R
                  launch: Script
                  interpreter: [Rscript]
                  defaultVersion: "4.4"
                  versions: [{name: "4.4", image: "registry.example.com/r-base:4.4.2", lifecycle: Recommended}]
                """);
        raffinerie.awaitReady("DataTechnology", null, "r");
        raffinerie.job(NS, "model", "r", "script: |\n  print(summary(c(1, 2, 3)))\n" + SIM);
        raffinerie.run(NS, "model-1", "jobRef", "model", null);
        GenericKubernetesResource run = raffinerie.awaitPhase(NS, "model-1", "Succeeded");
        assertThat(steps(run).get(0)).containsEntry("technology", "r").containsEntry("version", "4.4")
                .containsEntry("image", "registry.example.com/r-base:4.4.2");
        Job job = cluster.client().batch().v1().jobs().inNamespace(NS).withName("model-1").get();
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand())
                .containsExactly("Rscript", "/opt/raffinerie/script/main.sh");
    }

    @Test
    @Order(2)
    void deprecatingPython311WarnsAtApplyAndOnTheJobWhichStillRuns() {
        raffinerie.job(NS, "legacy", "python", "version: \"3.11\"\nscript: print(1)\n" + SIM);
        applyPython("Deprecated", "use 3.12 before 2027-03-01");
        GenericKubernetesResource job = raffinerie.await("DataJob", NS, "legacy",
                j -> "True".equals(condition(j, "Deprecated").get("status")));
        assertThat(condition(job, "Deprecated")).containsEntry("message", "python 3.11 is deprecated: use 3.12 before 2027-03-01");
        assertThat(readyStatus(job)).isEqualTo("True");

        ExecResult reapplied = cluster.kubectlWithInput(legacyJob(), "apply", "--server-side", "-f", "-").assertOk();
        assertThat(reapplied.stderr()).contains("Warning:")
                .contains("python 3.11 is deprecated in the technology catalog: use 3.12 before 2027-03-01 (the job still runs)");

        raffinerie.run(NS, "legacy-1", "jobRef", "legacy", null);
        GenericKubernetesResource run = raffinerie.awaitPhase(NS, "legacy-1", "Succeeded");
        assertThat(steps(run).get(0)).containsEntry("version", "3.11").containsEntry("image", "python:3.11.11-slim-bookworm");
    }

    @Test
    @Order(3)
    void disablingPython311RefusesNewRunsWithTheCatalogsMessage() {
        applyPython("Disabled", "3.11 is out of support since 2027-03-01");
        GenericKubernetesResource job = raffinerie.await("DataJob", NS, "legacy", j -> "False".equals(readyStatus(j)));
        assertThat(condition(job, "Ready")).containsEntry("reason", "VersionDisabled").containsEntry("message",
                "spec.version: python 3.11 is disabled in the technology catalog: 3.11 is out of support since 2027-03-01;"
                        + " valid versions: 3.12, 3.13");
        raffinerie.run(NS, "legacy-2", "jobRef", "legacy", null);
        GenericKubernetesResource run = raffinerie.await("DataRun", NS, "legacy-2", r -> "False".equals(readyStatus(r)));
        assertThat(condition(run, "Ready")).containsEntry("reason", "VersionDisabled");
        assertThat((String) condition(run, "Ready").get("message")).contains("3.11 is out of support since 2027-03-01");
        assertThat(steps(run)).as("no Job was made").isEmpty();
    }

    @Test
    @Order(4)
    void sparkRestrictedToAnalyticsEnvironmentsIsRefusedElsewhere() {
        String spark = "spark: {mainApplicationFile: \"local:///opt/app/main.py\"}\n" + SIM;
        raffinerie.job(ANALYTICS, "aggregate", "spark", spark);
        raffinerie.job(NS, "aggregate", "spark", spark);
        GenericKubernetesResource shipped = raffinerie.get("DataTechnology", null, "spark");
        cluster.kubectlWithInput("""
                apiVersion: raffinerie.io/v1alpha1
                kind: DataTechnology
                metadata: {name: spark}
                spec:
                  environments: {matchLabels: {tier: analytics}}
                """, "apply", "--server-side", "--field-manager", "platform-team", "-f", "-").assertOk();
        assertThat(shipped).isNotNull();
        GenericKubernetesResource refused = raffinerie.await("DataJob", NS, "aggregate", j -> "False".equals(readyStatus(j)));
        assertThat(condition(refused, "Ready")).containsEntry("reason", "TechnologyNotAllowed");
        assertThat((String) condition(refused, "Ready").get("message")).contains("\"spark\" may not be used in environment " + NS)
                .contains("tier=analytics");
        assertThat(readyStatus(raffinerie.get("DataJob", ANALYTICS, "aggregate"))).isEqualTo("True");
    }

    @Test
    @Order(5)
    void inUseByCountsTheJobsOfEachVersionAndKubectlShowsThem() {
        List<GenericKubernetesResource> jobs = raffinerie.kind("DataJob").inAnyNamespace().list().getItems();
        Raffinerie.eventually(() -> {
            for (String technology : List.of("python", "spark", "r")) {
                GenericKubernetesResource entry = raffinerie.get("DataTechnology", null, technology);
                @SuppressWarnings("unchecked")
                Map<String, Object> spec = (Map<String, Object>) entry.getAdditionalProperties().get("spec");
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> versions = (List<Map<String, Object>>) status(entry).get("versions");
                for (Map<String, Object> version : versions) {
                    long expected = raffinerie.kind("DataJob").inAnyNamespace().list().getItems().stream()
                            .map(j -> (Map<?, ?>) j.getAdditionalProperties().get("spec"))
                            .filter(s -> technology.equals(s.get("technology")))
                            .filter(s -> version.get("name").equals(Objects.requireNonNullElse(s.get("version"), spec.get("defaultVersion"))))
                            .count();
                    assertThat(((Number) version.get("inUseBy")).longValue()).as(technology + " " + version.get("name")).isEqualTo(expected);
                }
            }
        });
        assertThat(jobs).isNotEmpty();
        String table = cluster.kubectl("get", "datatechnologies").assertOk().stdout();
        assertThat(table.lines().findFirst().orElseThrow()).contains("DEFAULT").contains("JOBS");
        assertThat(table).containsPattern("(?m)^r\\s+Script\\s+4\\.4\\s+1\\s+True");
        assertThat(table).containsPattern("(?m)^spark\\s+SparkSubmit\\s+3\\.5\\s+[1-9]");
    }

    private void applyPython(String lifecycle, String message) {
        cluster.kubectlWithInput("""
                apiVersion: raffinerie.io/v1alpha1
                kind: DataTechnology
                metadata: {name: python}
                spec:
                  displayName: Python
                  launch: Script
                  interpreter: [python]
                  defaultVersion: "3.12"
                  versions:
                    - {name: "3.11", image: "python:3.11.11-slim-bookworm", lifecycle: %s, message: "%s"}
                    - {name: "3.12", image: "python:3.12.8-slim-bookworm", lifecycle: Recommended}
                    - {name: "3.13", image: "python:3.13.1-slim-bookworm", lifecycle: Stable}
                """.formatted(lifecycle, message), "apply", "--server-side", "--force-conflicts", "-f", "-").assertOk();
    }

    private static String legacyJob() {
        return """
                apiVersion: raffinerie.io/v1alpha1
                kind: DataJob
                metadata: {name: legacy, namespace: %s}
                spec:
                  technology: python
                  version: "3.11"
                  script: print(1)
                %s
                """.formatted(NS, SIM.indent(2));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> condition(GenericKubernetesResource resource, String type) {
        List<Map<String, Object>> conditions = (List<Map<String, Object>>) status(resource).getOrDefault("conditions", List.of());
        return conditions.stream().filter(c -> type.equals(c.get("type"))).findFirst().orElse(Map.of());
    }
}
