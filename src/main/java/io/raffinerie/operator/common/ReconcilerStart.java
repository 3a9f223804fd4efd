package io.raffinerie.operator.common;

import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

/**
 * Starts the reconcilers unless this process only serves the dashboard (raffinerie.reconcile=false, the Quarkus
 * profile {@code dashboard} the chart's dashboard Deployment runs): the build leaves starting to this class
 * (quarkus.operator-sdk.start-operator=false), which also stops them on shutdown, before the lease is released
 * ({@link LeaseRelease} runs later).
 */
@ApplicationScoped
public class ReconcilerStart {
    private static final Logger LOG = Logger.getLogger(ReconcilerStart.class);

    private final Operator operator;
    private final OperatorSettings settings;

    ReconcilerStart(Operator operator, OperatorSettings settings) {
        this.operator = operator;
        this.settings = settings;
    }

    // Last, as the extension itself would start them: started before the application's other startup observers, the
    // reconcilers' client had its connections closed under the tests' feet ("Connection was closed").
    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) StartupEvent event) {
        if (settings.reconcile()) {
            LOG.info("Starting the reconcilers");
            operator.start();
        } else {
            LOG.info("This process serves the dashboard only: no reconciler runs (raffinerie.reconcile=false)");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (settings.reconcile()) {
            operator.stop();
        }
    }
}
