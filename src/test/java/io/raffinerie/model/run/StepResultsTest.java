package io.raffinerie.model.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.raffinerie.api.v1alpha1.ResultDeclaration;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.model.Reasons;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepResultsTest {
    private static final List<String> ROWS_AND_FILE = List.of("rows", "file");

    @Test
    void readsNameValueLinesWhateverTheLineEnds() {
        StepResults.Parsed parsed = StepResults.parse("rows=42\r\n\nfile=/workspace/a=b.csv\n", ROWS_AND_FILE);
        assertThat(parsed.problem()).isEmpty();
        assertThat(parsed.results()).containsExactly(Map.entry("rows", "42"), Map.entry("file", "/workspace/a=b.csv"));
    }

    @Test
    void anEmptyValueIsAValue() {
        assertThat(StepResults.parse("rows=\nfile=x", ROWS_AND_FILE).results()).containsEntry("rows", "");
    }

    @Test
    void refusesWhatIsNotNameValue() {
        assertThat(StepResults.parse("rows=1\n{\"file\": 2}", ROWS_AND_FILE).problem())
                .hasValue("line 2 of the results is not NAME=VALUE: \"{\"file\": 2}\"");
    }

    @Test
    void refusesAnUndeclaredResult() {
        assertThat(StepResults.parse("rows=1\nfile=a\ncount=3", ROWS_AND_FILE).problem())
                .hasValue("the step wrote result \"count\", which its DataJob does not declare (it declares rows, file)");
    }

    @Test
    void refusesAResultWrittenTwice() {
        assertThat(StepResults.parse("rows=1\nrows=2\nfile=a", ROWS_AND_FILE).problem())
                .hasValue("the step wrote result \"rows\" more than once");
    }

    @Test
    void namesTheMissingResults() {
        assertThat(StepResults.parse("", ROWS_AND_FILE).problem())
                .hasValue("the step did not write results rows, file (a line NAME=VALUE each, in the file named by $RAFFINERIE_RESULTS)");
        assertThat(StepResults.parse(null, ROWS_AND_FILE).problem()).isPresent();
    }

    @Test
    void refusesAMessageTheKubeletWouldHaveCut() {
        String large = "rows=" + "9".repeat(4091);
        assertThat(large.length()).isEqualTo(4096);
        assertThat(StepResults.parse(large, List.of("rows")).problem()).get().asString()
                .startsWith("the results take 4096 bytes or more; they must take less than 4096 bytes");
        assertThat(StepResults.parse(large.substring(0, 4095), List.of("rows")).problem()).isEmpty();
        assertThat(StepResults.parse("rows=" + "é".repeat(2046), List.of("rows")).problem()).as("bytes, not characters").isPresent();
    }

    @Test
    void aSucceededStepGetsItsResults() {
        StepStatus step = StepResults.apply(succeeded(), null, List.of(pod("rows=7\n")), List.of(new ResultDeclaration("rows")));
        assertThat(step.phase).isEqualTo(StepPhase.Succeeded);
        assertThat(step.results).containsExactly(Map.entry("rows", "7"));
    }

    @Test
    void badResultsFailTheStepWithAReason() {
        StepStatus step = StepResults.apply(succeeded(), null, List.of(pod("lines=7")), List.of(new ResultDeclaration("rows")));
        assertThat(step.phase).isEqualTo(StepPhase.Failed);
        assertThat(step.reason).isEqualTo(Reasons.RESULTS_INVALID);
        assertThat(step.message).contains("\"lines\"");
    }

    @Test
    void waitsForThePodWhenTheJobCompletedFirst() {
        Pod running = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewStatus().addNewContainerStatus()
                .withName("main").withNewState().withNewRunning().endRunning().endState().endContainerStatus().endStatus().build();
        StepStatus step = StepResults.apply(succeeded(), null, List.of(running), List.of(new ResultDeclaration("rows")));
        assertThat(step.phase).isEqualTo(StepPhase.Running);
        assertThat(step.completionTime).isNull();
    }

    @Test
    void resultsOnceReadAreKeptWhenThePodGoes() {
        StepStatus before = StepResults.apply(succeeded(), null, List.of(pod("rows=7")), List.of(new ResultDeclaration("rows")));
        StepStatus after = StepResults.apply(succeeded(), before, List.of(), List.of(new ResultDeclaration("rows")));
        assertThat(after.phase).isEqualTo(StepPhase.Succeeded);
        assertThat(after.results).containsEntry("rows", "7");
        StepStatus gone = StepResults.apply(succeeded(), null, List.of(), List.of(new ResultDeclaration("rows")));
        assertThat(gone.phase).isEqualTo(StepPhase.Failed);
        assertThat(gone.message).isEqualTo("the step's pod is gone: its results cannot be read");
    }

    @Test
    void aJobWithoutDeclaredResultsIgnoresItsTerminationMessage() {
        StepStatus step = StepResults.apply(succeeded(), null, List.of(pod("whatever")), null);
        assertThat(step.phase).isEqualTo(StepPhase.Succeeded);
        assertThat(step.results).isNull();
    }

    private static StepStatus succeeded() {
        StepStatus step = new StepStatus();
        step.name = "count";
        step.phase = StepPhase.Succeeded;
        step.completionTime = "2026-11-28T10:01:00Z";
        return step;
    }

    private static Pod pod(String message) {
        return new PodBuilder().withNewMetadata().withName("p").withCreationTimestamp("2026-11-28T10:00:00Z").endMetadata()
                .withNewStatus().addNewContainerStatus().withName("main").withNewState().withNewTerminated().withExitCode(0)
                .withMessage(message).endTerminated().endState().endContainerStatus().endStatus().build();
    }
}
