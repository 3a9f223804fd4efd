package io.raffinerie.operator.common;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.quarkus.arc.Unremovable;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * JOSDK's reconciliation metrics (reconciliations_started_total{controller_name}, ..._success_total, _queue,
 * _active) on /q/metrics. The extension produces its Metrics from a MeterBinder that the packaged application has not
 * bound yet when the operator is configured, and then JOSDK exports nothing; and the global registry drops what is
 * counted before Quarkus attaches the Prometheus registry to it, that is the reconciliations of a cold start (both
 * found by make bench). So they go straight to the Prometheus registry. Failed reconciliations are logged on the
 * way ({@link FailureLog}).
 */
@Singleton
public class JosdkMetrics {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    @Unremovable // looked up by the extension at startup, injected nowhere
    Metrics josdkMetrics(PrometheusMeterRegistry registry) {
        return new FailureLog(MicrometerMetricsV2.newBuilder(registry).build());
    }
}
