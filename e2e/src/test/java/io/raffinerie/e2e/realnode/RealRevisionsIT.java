package io.raffinerie.e2e.realnode;

import static io.raffinerie.e2e.harness.Raffinerie.status;
import static io.raffinerie.e2e.harness.Raffinerie.steps;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.ExecResult;
import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.e2e.harness.Raffinerie;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Revisions on the real node (docs/revisions.md), through kubectl only and as the environment's editor: a job changed
 * three times has revisions 1 to 4, each run records the one it ran, a run pinned to revision 1 runs the first script
 * (a container proves it: the log tail is what that script printed), a pipeline retry reruns the job revision the
 * original ran, and a retry with useLatest picks up the fix. Skipped without a real node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealRevisionsIT {
    static final String NS = "e2e-real-revisions";
    static final String EDITOR = "alice@example.com";
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    final Cluster cluster = Cluster.get();
    final Raffinerie raffinerie = new Raffinerie(cluster);
    boolean real;

    @BeforeAll
    void anEnvironmentWithAnEditorPinnedToTheRealNode() {
        RealNode.assume(cluster);
        real = true;
        Operator.shared();
        raffinerie.environment(NS, RealNode.SCHEDULING + "access: [{role: editor, users: [" + EDITOR + "]}]\n");
    }

    @AfterAll
    void cleanUp() {
        if (real) {
            raffinerie.deleteEnvironment(NS);
        }
    }

    @Test
    void everyChangeIsARevisionRunsRecordItAndAPinnedRunRunsTheOldScript() {
        editorApplies(1, "echo \"version 1\"", "first version");
        editorApplies(2, "echo \"version 2\"", "second version");
        editorApplies(3, "echo \"version 3\"; exit 3", "a broken change");

        ExecResult listed = asEditor(null, "get", "datarevisions", "-n", NS, "-l", "raffinerie.io/job=extract",
                "-o", "jsonpath={range .items[*]}{.spec.revision}/{.spec.createdBy}/{.spec.changeCause};{end}");
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.stdout().split(";")).containsExactlyInAnyOrder(
                "1/alice/first version", "2/alice/second version", "3/alice/a broken change");

        // The current revision runs, and fails as its script says.
        editorCreatesRun("extract-now", "jobRef: extract");
        GenericKubernetesResource now = raffinerie.awaitFinished(NS, "extract-now", RUN_TIMEOUT);
        assertThat(status(now)).containsEntry("phase", "Failed");
        assertThat(String.valueOf(status(now).get("revision"))).isEqualTo("3");
        assertThat(steps(now).get(0).get("logTail")).isEqualTo("version 3\n");

        // Pinned to revision 1: the first script runs, whatever the job says now.
        editorCreatesRun("extract-old", "jobRef: extract, revision: 1");
        GenericKubernetesResource old = raffinerie.awaitFinished(NS, "extract-old", RUN_TIMEOUT);
        assertThat(status(old)).containsEntry("phase", "Succeeded");
        assertThat(String.valueOf(status(old).get("revision"))).isEqualTo("1");
        assertThat(steps(old).get(0).get("logTail")).isEqualTo("version 1\n");

        // A pipeline run pins the job's revision; after the fix, a retry reruns what the original ran...
        asEditorOk("""
                apiVersion: raffinerie.io/v1alpha1
                kind: DataPipeline
                metadata: {name: daily, namespace: %s}
                spec:
                  steps: [{name: extract, jobRef: extract}]
                """.formatted(NS), "apply", "--server-side", "--field-manager=alice", "-f", "-");
        raffinerie.awaitReady("DataPipeline", NS, "daily");
        editorCreatesRun("daily-1", "pipelineRef: daily");
        GenericKubernetesResource first = raffinerie.awaitFinished(NS, "daily-1", RUN_TIMEOUT);
        assertThat(status(first)).containsEntry("phase", "Failed");
        assertThat(stepRevisionAndTail(first)).isEqualTo("3: version 3\n");

        editorApplies(4, "echo \"version 4\"", "the fix");
        raffinerie.await("DataPipeline", NS, "daily", p -> "2".equals(String.valueOf(status(p).get("currentRevision"))));
        editorCreatesRun("daily-2", "pipelineRef: daily, retryOf: daily-1");
        GenericKubernetesResource retried = raffinerie.awaitFinished(NS, "daily-2", RUN_TIMEOUT);
        assertThat(status(retried)).containsEntry("phase", "Failed");
        assertThat(String.valueOf(status(retried).get("revision"))).isEqualTo(String.valueOf(status(first).get("revision")));
        assertThat(stepRevisionAndTail(retried)).isEqualTo("3: version 3\n");

        // ...and a retry with useLatest runs the job as it is now.
        editorCreatesRun("daily-3", "pipelineRef: daily, retryOf: daily-1, retry: {useLatest: true}");
        GenericKubernetesResource latest = raffinerie.awaitFinished(NS, "daily-3", RUN_TIMEOUT);
        assertThat(status(latest)).containsEntry("phase", "Succeeded");
        assertThat(stepRevisionAndTail(latest)).isEqualTo("4: version 4\n");
    }

    /** The editor applies the job with this script and change cause, and waits until it is revision {@code revision}. */
    private void editorApplies(int revision, String script, String changeCause) {
        asEditorOk("""
                apiVersion: raffinerie.io/v1alpha1
                kind: DataJob
                metadata:
                  name: extract
                  namespace: %s
                  annotations: {raffinerie.io/change-cause: "%s"}
                spec:
                  technology: bash
                  image: raffinerie.local/bash:5.2
                  script: '%s'
                """.formatted(NS, changeCause, script), "apply", "--server-side", "--field-manager=alice", "-f", "-");
        raffinerie.await("DataJob", NS, "extract",
                j -> String.valueOf(revision).equals(String.valueOf(status(j).get("currentRevision"))));
    }

    private void editorCreatesRun(String name, String spec) {
        asEditorOk("""
                apiVersion: raffinerie.io/v1alpha1
                kind: DataRun
                metadata: {name: %s, namespace: %s}
                spec: {%s}
                """.formatted(name, NS, spec), "create", "-f", "-");
    }

    private static String stepRevisionAndTail(GenericKubernetesResource run) {
        Map<String, Object> step = steps(run).get(0);
        return step.get("revision") + ": " + step.get("logTail");
    }

    private void asEditorOk(String stdin, String... args) {
        ExecResult result = asEditor(stdin, args);
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.stderr()).isZero();
    }

    private ExecResult asEditor(String stdin, String... args) {
        return cluster.kubectlAs(EDITOR, stdin, args);
    }
}
