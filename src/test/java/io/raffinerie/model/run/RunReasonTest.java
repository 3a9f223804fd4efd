package io.raffinerie.model.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.RunReason;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Reasons;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunReasonTest {
    /**
     * Reasons of conditions only: of environments, of Ready=True, of a retried failure, of a skipped step; and of a
     * failed step (its results or its Spark driver), whose run ends with StepFailed; of a run waiting for its revision (it fails RevisionNotFound);
     * and of a finished run's Archived condition.
     */
    private static final Set<String> NOT_A_RUN_FAILURE = Set.of(Reasons.NAMESPACE_CONFLICT, Reasons.PROVISIONING_FAILED,
            Reasons.ACCESS_ROLE_MISSING, Reasons.RECONCILE_FAILED, Reasons.PROVISIONED, Reasons.VALID, Reasons.ACCEPTED,
            Reasons.DEPRECATED, Reasons.SUPPORTED, Reasons.CONDITION_NOT_MET, Reasons.ENVIRONMENT_NOT_READY,
            Reasons.RESULTS_INVALID, Reasons.SPARK_DRIVER_FAILED, Reasons.CONDITION_FAILED, Reasons.REVISION_PENDING,
            Reasons.ARCHIVED, Reasons.ARCHIVE_UNAVAILABLE);

    @Test
    void everyReasonARunCanFailWithIsARunReason() {
        Arrays.stream(Reasons.class.getFields()).filter(f -> Modifier.isStatic(f.getModifiers()))
                .map(RunReasonTest::value).filter(reason -> !NOT_A_RUN_FAILURE.contains(reason))
                .forEach(reason -> assertThat(RunReason.of(reason)).as(reason).isPresent());
        assertThat(RunReason.of("SnapshotTooLarge")).hasValue(RunReason.SnapshotTooLarge);
    }

    @Test
    void aRunThatCannotStartFailsWithItsProblemsReasonTyped() {
        DataRunStatus status = new DataRunStatus();
        RunStarts.fail(status, new Problem(Reasons.UNKNOWN_TECHNOLOGY, "spec.technology: \"pyhton\""), Instant.EPOCH);
        assertThat(status.reason).isEqualTo(RunReason.UnknownTechnology);

        RunStarts.fail(status, new Problem("SomethingNew", "a reason no run knows yet"), Instant.EPOCH);
        assertThat(status.reason).as("never a crash").isEqualTo(RunReason.InvalidSpec);
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
