package io.raffinerie.model.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataRevision;
import io.raffinerie.model.revision.RevisionContent;
import io.raffinerie.model.revision.Revisions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RevisionViewsTest {
    private static DataRevision revision(long number, String script, Map<String, String> jobs) {
        DataJob job = new DataJob();
        job.getMetadata().setName("extract");
        DataJobSpec spec = new DataJobSpec();
        spec.technology = "bash";
        spec.script = script;
        spec.retries = 2;
        return Revisions.desired(job, number, RevisionContent.normalise(spec), jobs, RevisionContent.hash(spec, jobs), "alice");
    }

    @Test
    void theDiffShowsWhatChangedWithItsContext() {
        List<RevisionViews.DiffLine> diff = RevisionViews.diff(revision(1, "echo before", null), revision(2, "echo after", null));
        assertThat(diff).extracting(l -> l.kind() + " " + l.text()).contains(
                "file --- extract-1", "file +++ extract-2",
                "removed -  \"script\" : \"echo before\",", "added +  \"script\" : \"echo after\",",
                "same    \"technology\" : \"bash\"");
        assertThat(RevisionViews.diff(revision(1, "same", null), revision(2, "same", null))).isEmpty();
    }

    @Test
    void aPipelinesDiffShowsTheJobRevisionsItPins() {
        assertThat(RevisionViews.diff(revision(1, "x", Map.of("clean", "clean-1")), revision(2, "x", Map.of("clean", "clean-2"))))
                .extracting(l -> l.kind() + " " + l.text()).contains("removed -  clean: clean-1", "added +  clean: clean-2");
    }

    @Test
    void theListIsNewestFirstAndMarksTheCurrentOne() {
        RevisionViews.RevisionList list = RevisionViews.list("/ns/a/jobs/extract/diff",
                List.of(revision(1, "a", null), revision(3, "c", null), revision(2, "b", null)), 2L);
        assertThat(list.rows()).extracting(r -> r.number() + (r.current() ? "*" : "")).containsExactly("3", "2*", "1");
        assertThat(list.comparable()).isTrue();
        assertThat(list.rows().get(0).shortHash()).startsWith("sha256:").hasSize(19);
    }
}
