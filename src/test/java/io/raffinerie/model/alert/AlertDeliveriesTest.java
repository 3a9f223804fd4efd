package io.raffinerie.model.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.AlertDeliveryState;
import io.raffinerie.api.v1alpha1.AlertEvent;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.model.alert.AlertTriggers.Due;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertDeliveriesTest {
    private static final Instant NOW = Instant.parse("2026-11-28T01:02:03Z");

    @Test
    void dueAlertsAreRecordedPendingOnceWhateverHappensToThemAfter() {
        DataRunStatus status = new DataRunStatus();
        AlertDeliveries.recordDue(status, List.of(new Due(0, AlertEvent.Started), new Due(1, AlertEvent.Started)));
        AlertDeliveries.apply(status.alerts.get(0), new AlertDeliveries.Result(true, 1, NOW, "sent (HTTP 200)"));
        AlertDeliveries.recordDue(status, List.of(new Due(0, AlertEvent.Started), new Due(1, AlertEvent.Started)));
        assertThat(status.alerts).hasSize(2);
        assertThat(status.alerts.get(0).state).isEqualTo(AlertDeliveryState.Sent);
        assertThat(status.alerts.get(0).sentTime).isEqualTo("2026-11-28T01:02:03Z");
        assertThat(status.alerts.get(1).state).isEqualTo(AlertDeliveryState.Pending);
        assertThat(status.alerts.get(1).attempts).isZero();
    }

    @Test
    void aRunWhoseStatusRecordsASentAlertOwesNothingWhenReconciledAgain() {
        DataRunStatus failed = AlertTriggersTest.status(RunPhase.Failed, "x", StepPhase.Failed, "x");
        AlertDeliveries.recordDue(failed, AlertTriggers.due(List.of(AlertTriggersTest.on(AlertEvent.Failed)), RunPhase.Running,
                failed, Optional.empty()));
        AlertDeliveries.apply(failed.alerts.get(0), new AlertDeliveries.Result(true, 1, NOW, "sent"));
        // A restart reconciles the finished run: its phase did not change, so nothing is due, and nothing is pending.
        AlertDeliveries.recordDue(failed, AlertTriggers.due(List.of(AlertTriggersTest.on(AlertEvent.Failed)), RunPhase.Failed,
                failed, Optional.empty()));
        assertThat(failed.alerts).singleElement().satisfies(a -> assertThat(a.state).isEqualTo(AlertDeliveryState.Sent));
        assertThat(AlertDeliveries.dispatchable(failed)).isEmpty();
    }

    @Test
    void oneDeliveryAtATimePerAlertEntrySoThatEventsArriveInOrder() {
        DataRunStatus status = new DataRunStatus();
        AlertDeliveries.recordDue(status, List.of(new Due(0, AlertEvent.Started), new Due(1, AlertEvent.Started),
                new Due(0, AlertEvent.Failed)));
        assertThat(AlertDeliveries.dispatchable(status)).extracting(a -> a.alert + "/" + a.event)
                .containsExactly("0/Started", "1/Started");
        AlertDeliveries.apply(status.alerts.get(0), new AlertDeliveries.Result(false, 5, NOW, "HTTP 500; gave up after 5 attempts"));
        assertThat(status.alerts.get(0).sentTime).isNull();
        assertThat(status.alerts.get(0).lastAttemptTime).isEqualTo("2026-11-28T01:02:03Z");
        assertThat(AlertDeliveries.dispatchable(status)).extracting(a -> a.alert + "/" + a.event)
                .containsExactly("1/Started", "0/Failed");
        assertThat(AlertDeliveries.find(status, 0, AlertEvent.Failed)).isNotNull();
        assertThat(AlertDeliveries.find(status, 2, AlertEvent.Failed)).isNull();
    }
}
