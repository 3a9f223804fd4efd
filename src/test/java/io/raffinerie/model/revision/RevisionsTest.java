package io.raffinerie.model.revision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataRevision;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunSpec;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.RevisionTarget;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.RunReason;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.run.RunStarts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RevisionsTest {
    private static DataJobSpec spec(String script) {
        DataJobSpec spec = new DataJobSpec();
        spec.technology = "bash";
        spec.script = script;
        return spec;
    }

    private static DataRevision revision(String target, long number, String hash) {
        DataJob job = new DataJob();
        job.getMetadata().setName(target);
        job.getMetadata().setNamespace("ns");
        return Revisions.desired(job, number, RevisionContent.normalise(spec("echo " + number)), null, hash, null);
    }

    @Test
    void theHashIgnoresKeyOrderAndNullsButNotContent() throws Exception {
        ObjectMapper json = new ObjectMapper();
        var a = json.readTree("{\"technology\":\"bash\",\"script\":\"echo 1\",\"image\":null}");
        var b = json.readTree("{\"script\":\"echo 1\",\"technology\":\"bash\"}");
        assertThat(RevisionContent.hash(a, null)).isEqualTo(RevisionContent.hash(b, null))
                .isEqualTo(RevisionContent.hash(spec("echo 1"), null)).startsWith("sha256:").hasSize(71);
        assertThat(RevisionContent.hash(spec("echo 2"), null)).isNotEqualTo(RevisionContent.hash(spec("echo 1"), null));
        assertThat(RevisionContent.hash(json.readTree("{\"workspace\":{}}"), null)).as("an empty object asks for something")
                .isNotEqualTo(RevisionContent.hash(json.readTree("{}"), null));
    }

    @Test
    void aPipelinesHashCoversItsJobsRevisions() {
        assertThat(RevisionContent.hash(spec("x"), Map.of("a", "a-1"))).isNotEqualTo(RevisionContent.hash(spec("x"), Map.of("a", "a-2")))
                .isNotEqualTo(RevisionContent.hash(spec("x"), null));
    }

    @Test
    void aJobAndAPipelineOfTheSameNameNeverShareARevisionName() {
        assertThat(Revisions.name(RevisionTarget.JOB, "daily", 3)).isEqualTo("daily-3");
        assertThat(Revisions.name(RevisionTarget.PIPELINE, "daily", 3)).isEqualTo("daily-p3");
        assertThat(Revisions.name(RevisionTarget.JOB, "daily-p", 3)).isNotEqualTo(Revisions.name(RevisionTarget.PIPELINE, "daily", 3));
        assertThat(Revisions.name(RevisionTarget.JOB, "x".repeat(253), 12)).hasSizeLessThanOrEqualTo(253);
    }

    @Test
    void aNewRevisionIsLabelledOwnedAndCarriesItsCause() {
        DataPipeline pipeline = new DataPipeline();
        pipeline.getMetadata().setName("daily");
        pipeline.getMetadata().setNamespace("ns");
        pipeline.getMetadata().setUid("u-1");
        pipeline.getMetadata().setAnnotations(Map.of(Revisions.CHANGE_CAUSE, "new cleaning rule"));
        DataRevision revision = Revisions.desired(pipeline, 2, RevisionContent.normalise(spec("x")), Map.of("a", "a-1"), "sha256:x", "alice");
        assertThat(revision.getMetadata().getName()).isEqualTo("daily-p2");
        assertThat(revision.getMetadata().getLabels()).containsEntry(Revisions.PIPELINE_LABEL, "daily")
                .containsEntry(Revisions.REVISION_LABEL, "2");
        assertThat(revision.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo("u-1");
        assertThat(revision.getSpec().changeCause).isEqualTo("new cleaning rule");
        assertThat(revision.getSpec().createdBy).isEqualTo("alice");
        assertThat(revision.getSpec().jobs).containsEntry("a", "a-1");
    }

    @Test
    void anOldSpecReusesItsRevisionAndANewOneGetsTheNextNumber() {
        List<DataRevision> known = List.of(revision("j", 1, "sha256:a"), revision("j", 2, "sha256:b"), revision("j", 3, "sha256:a"));
        assertThat(Revisions.withHash(known, "sha256:a").orElseThrow().getSpec().revision).isEqualTo(1);
        assertThat(Revisions.withHash(known, "sha256:c")).isEmpty();
        assertThat(Revisions.next(known)).isEqualTo(4);
        assertThat(Revisions.next(List.of())).isEqualTo(1);
    }

    @Test
    void pruningKeepsTheNewestAndThoseInUse() {
        List<DataRevision> known = List.of(revision("j", 1, "h1"), revision("j", 2, "h2"), revision("j", 3, "h3"),
                revision("j", 4, "h4"), revision("j", 5, "h5"));
        assertThat(RevisionPruning.toDelete(known, 2, Set.of("j-2")).stream().map(r -> r.getMetadata().getName()))
                .containsExactly("j-1", "j-3");
        assertThat(RevisionPruning.toDelete(known, 20, Set.of())).isEmpty();
        assertThat(RevisionPruning.kept(null)).isEqualTo(20);
    }

    @Test
    void inUseAreTheCurrentRevisionTheUnfinishedRunsAndWhatPipelinesPin() {
        DataRun live = run(null, 2L, RunPhase.Running);
        DataRun pinned = run(3L, null, null);
        DataRun finished = run(null, 4L, RunPhase.Succeeded);
        DataRevision pipeline = revision("p", 1, "hp");
        pipeline.getSpec().target.kind = RevisionTarget.PIPELINE;
        pipeline.getSpec().jobs = Map.of("j", "j-6");
        assertThat(RevisionPruning.inUse(RevisionTarget.JOB, "j", 5L, List.of(live, pinned, finished), List.of(pipeline)))
                .containsExactlyInAnyOrder("j-5", "j-2", "j-3", "j-6");
    }

    private static DataRun run(Long pin, Long ran, RunPhase phase) {
        DataRun run = new DataRun();
        run.setSpec(new DataRunSpec());
        run.getSpec().jobRef = "j";
        run.getSpec().revision = pin;
        run.setStatus(new DataRunStatus());
        run.getStatus().revision = ran;
        run.getStatus().phase = phase;
        return run;
    }

    @Test
    void aRunPinsAKnownRevisionWaitsForAFutureOneAndFailsOnAPrunedOne() {
        List<DataRevision> known = List.of(revision("j", 1, "h1"), revision("j", 3, "h3"));
        assertThat(RunRevisionChoice.choose(RevisionTarget.JOB, "j", 3L, known, "h1").revision().getSpec().revision).isEqualTo(3);
        assertThat(RunRevisionChoice.choose(RevisionTarget.JOB, "j", null, known, "h1").revision().getSpec().revision).isEqualTo(1);
        assertThat(RunRevisionChoice.choose(RevisionTarget.JOB, "j", null, known, "h9").problem().reason())
                .isEqualTo(Reasons.REVISION_PENDING);
        assertThat(RunRevisionChoice.choose(RevisionTarget.JOB, "j", 7L, known, "h1").problem().reason())
                .isEqualTo(Reasons.REVISION_PENDING);
        var pruned = RunRevisionChoice.choose(RevisionTarget.JOB, "j", 2L, known, "h1").problem();
        assertThat(pruned.reason()).isEqualTo(Reasons.REVISION_NOT_FOUND);
        assertThat(pruned.message()).contains("DataRevision j-2").contains("its revisions are: 1, 3");
    }

    @Test
    void aRevisionWhoseContentChangedIsCorrupted() {
        DataRevision revision = revision("j", 1, RevisionContent.hash(spec("echo 1"), null));
        assertThat(RunRevisionChoice.corrupted(revision)).isEmpty();
        revision.getSpec().spec = RevisionContent.normalise(spec("rm -rf /"));
        assertThat(RunRevisionChoice.corrupted(revision).orElseThrow().reason()).isEqualTo(Reasons.REVISION_CORRUPTED);
    }

    @Test
    void aRevisionStillPendingAtTheEndOfTheGraceIsNotFoundAndAPrunedOneFailsAtOnce() {
        DataRunStatus status = new DataRunStatus();
        RunStarts.fail(status, new io.raffinerie.model.Problem(Reasons.REVISION_PENDING, "no revision 7"), Instant.EPOCH);
        assertThat(status.reason).isEqualTo(RunReason.RevisionNotFound);
        assertThat(RunStarts.judge(new io.raffinerie.model.Problem(Reasons.REVISION_NOT_FOUND, "pruned"), "2026-12-01T10:00:00Z",
                java.time.Duration.ofSeconds(30), Instant.parse("2026-12-01T10:00:01Z")).fail()).isTrue();
    }

    @Test
    void theAuthorIsTheLatestWriterOfTheSpecNotOfTheStatus() {
        ManagedFieldsEntry apply = entry("alice", "2026-12-01T10:00:00Z", null, "f:spec");
        ManagedFieldsEntry edit = entry("kubectl-edit", "2026-12-01T11:00:00Z", null, "f:spec");
        ManagedFieldsEntry status = entry("raffinerie", "2026-12-01T12:00:00Z", "status", "f:status");
        ManagedFieldsEntry labels = entry("argocd", "2026-12-01T13:00:00Z", null, "f:metadata");
        assertThat(RevisionAuthors.lastSpecWriter(List.of(apply, edit, status, labels))).contains("kubectl-edit");
        assertThat(RevisionAuthors.lastSpecWriter(null)).isEmpty();
    }

    private static ManagedFieldsEntry entry(String manager, String time, String subresource, String field) {
        FieldsV1 fields = new FieldsV1();
        fields.setAdditionalProperty(field, Map.of());
        return new ManagedFieldsEntryBuilder().withManager(manager).withTime(time).withSubresource(subresource)
                .withFieldsV1(fields).build();
    }
}
