package io.raffinerie.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.raffinerie.model.LogLines;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * JOSDK's metrics, plus one log line per failed reconciliation in place of JOSDK's own WARN with a stack trace (its
 * EventProcessor logger is set to ERROR). What the API server answered is a line: WARN, or DEBUG when routine (an
 * object deleted meanwhile, a conflict). Anything else is a fault of the operator and keeps its stack trace.
 */
final class FailureLog implements Metrics {
    private static final Logger LOG = Logger.getLogger(FailureLog.class);
    private final Metrics delegate;

    FailureLog(Metrics delegate) {
        this.delegate = delegate;
    }

    @Override
    public void reconciliationFailed(HasMetadata resource, RetryInfo retry, Exception exception, Map<String, Object> metadata) {
        delegate.reconciliationFailed(resource, retry, exception, metadata);
        String subject = LogLines.subject(resource.getKind(), resource.getMetadata().getNamespace(), resource.getMetadata().getName());
        if (Failures.isRoutine(exception)) {
            LOG.debugf("%s: %s", subject, Failures.retrying(exception));
        } else if (Failures.isFromApiServer(exception)) {
            LOG.warnf("%s: %s", subject, Failures.retrying(exception));
        } else {
            LOG.warnf(exception, "%s: reconciliation failed unexpectedly, retrying with backoff", subject);
        }
    }

    @Override
    public void controllerRegistered(Controller<? extends HasMetadata> controller) {
        delegate.controllerRegistered(controller);
    }

    @Override
    public void eventReceived(Event event, Map<String, Object> metadata) {
        delegate.eventReceived(event, metadata);
    }

    @Override
    public void reconciliationSubmitted(HasMetadata resource, RetryInfo retry, Map<String, Object> metadata) {
        delegate.reconciliationSubmitted(resource, retry, metadata);
    }

    @Override
    public void reconciliationStarted(HasMetadata resource, Map<String, Object> metadata) {
        delegate.reconciliationStarted(resource, metadata);
    }

    @Override
    public void reconciliationSucceeded(HasMetadata resource, Map<String, Object> metadata) {
        delegate.reconciliationSucceeded(resource, metadata);
    }

    @Override
    public void reconciliationFinished(HasMetadata resource, RetryInfo retry, Map<String, Object> metadata) {
        delegate.reconciliationFinished(resource, retry, metadata);
    }

    @Override
    public void cleanupDone(ResourceID resourceID, Map<String, Object> metadata) {
        delegate.cleanupDone(resourceID, metadata);
    }

    @Override
    public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
        return delegate.timeControllerExecution(execution);
    }
}
