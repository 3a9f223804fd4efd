package io.raffinerie.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.RunPhase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogLinesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    private static DataRunStatus status(RunPhase phase, String progress, String message) {
        DataRunStatus status = new DataRunStatus();
        status.phase = phase;
        status.progress = progress;
        status.message = message;
        return status;
    }

    private static List<Condition> ready(boolean ready, String reason, String message) {
        return Conditions.set(null, Conditions.READY, ready, reason, message, 1L, CLOCK);
    }

    @Test
    void aRunTransitionNamesTheRunItsPhasesAndItsSteps() {
        assertThat(LogLines.runTransition("sales-dev", "daily-sales-first", RunPhase.Running, status(RunPhase.Succeeded, "3/3", null)))
                .isEqualTo("run sales-dev/daily-sales-first Running -> Succeeded (3/3 steps)");
        assertThat(LogLines.runTransition("sales-dev", "daily-sales-first", null, status(RunPhase.Running, "0/3", null)))
                .isEqualTo("run sales-dev/daily-sales-first Pending -> Running (0/3 steps)");
        assertThat(LogLines.runTransition("sales-dev", "load-1", RunPhase.Running, status(RunPhase.Failed, "1/1", "exit code 3")))
                .isEqualTo("run sales-dev/load-1 Running -> Failed (1/1 steps): exit code 3");
    }

    @Test
    void readinessIsToldWhenItTurnsFalseChangesReasonOrRecovers() {
        List<Condition> missing = ready(false, "AccessRoleMissing", "access[1]: ClusterRole raffinerie-editor does not exist");
        assertThat(LogLines.readinessChange("DataEnvironment", null, "sales-dev", null, missing))
                .contains("environment sales-dev Ready=False AccessRoleMissing: access[1]: ClusterRole raffinerie-editor does not exist");
        assertThat(LogLines.readinessChange("DataJob", "sales-dev", "extract", ready(true, "Valid", ""),
                ready(false, "EnvironmentNotReady", "DataEnvironment sales-dev is not ready")))
                .contains("job sales-dev/extract Ready=False EnvironmentNotReady: DataEnvironment sales-dev is not ready");
        assertThat(LogLines.readinessChange("DataEnvironment", null, "sales-dev", missing, ready(true, "Provisioned", "ok")))
                .contains("environment sales-dev Ready=True Provisioned");
        assertThat(LogLines.readinessChange("DataEnvironment", null, "sales-dev", missing,
                ready(false, "ProvisioningFailed", "refused"))).contains("environment sales-dev Ready=False ProvisioningFailed: refused");
    }

    @Test
    void aHealthyStartAndAnUnchangedReasonSayNothing() {
        assertThat(LogLines.readinessChange("DataPipeline", "sales-dev", "daily", null, ready(true, "Valid", ""))).isEmpty();
        assertThat(LogLines.readinessChange("DataPipeline", "sales-dev", "daily", ready(true, "Valid", ""), ready(true, "Valid", "x")))
                .isEmpty();
        assertThat(LogLines.readinessChange("DataEnvironment", null, "sales-dev", ready(false, "ProvisioningFailed", "one"),
                ready(false, "ProvisioningFailed", "two"))).isEmpty();
        assertThat(LogLines.readinessChange("DataRun", "sales-dev", "r", ready(true, "Accepted", ""), List.of())).isEmpty();
    }
}
