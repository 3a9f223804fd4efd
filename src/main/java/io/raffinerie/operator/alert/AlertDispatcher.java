package io.raffinerie.operator.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.raffinerie.api.v1alpha1.AlertEvent;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.SecretKeyRef;
import io.raffinerie.model.alert.AlertDeliveries;
import io.raffinerie.operator.common.OperatorSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Sends alert webhooks off the reconciliation threads, with retries and a bounded total time. It never writes the
 * run's status: it keeps each delivery's result in memory and asks for a reconciliation of the run, which folds
 * the result into the status. A delivery in flight or with a result not yet folded is never started again.
 */
@ApplicationScoped
public class AlertDispatcher {
    private static final Logger LOG = Logger.getLogger(AlertDispatcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Results whose run was never reconciled again (deleted meanwhile) are dropped after this. */
    private static final Duration RESULTS_KEPT = Duration.ofHours(1);

    /** One delivery: a run, an entry of its target's spec.alerts, an event. */
    public record Key(String runUid, int alert, AlertEvent event) {
    }

    /** What to send, and where the URL is. */
    public record Request(Key key, ResourceID run, SecretKeyRef secret, Map<String, Object> payload) {
    }

    private record Kept(AlertDeliveries.Result result, Instant at) {
    }

    private final WebhookClient webhooks;
    private final OperatorSettings.Alerts settings;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor executor;
    private final Map<Key, Boolean> inFlight = new ConcurrentHashMap<>();
    private final Map<Key, Kept> results = new ConcurrentHashMap<>();
    private final SimpleInboundEventSource<DataRun> finished = new SimpleInboundEventSource<>("alert-deliveries");

    public AlertDispatcher(WebhookClient webhooks, OperatorSettings settings, Clock clock) {
        this.webhooks = webhooks;
        this.settings = settings.alerts();
        this.clock = clock;
        AtomicInteger count = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(Math.max(1, this.settings.threads()), task -> {
            Thread thread = new Thread(task, "raffinerie-alerts-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    /** The event source through which a finished delivery reconciles its run. */
    public SimpleInboundEventSource<DataRun> eventSource() {
        return finished;
    }

    /** Starts a delivery unless it is in flight or has a result waiting to be folded. */
    public void dispatch(Request request) {
        if (results.containsKey(request.key()) || inFlight.putIfAbsent(request.key(), Boolean.TRUE) != null) {
            return;
        }
        if (inFlight.size() > settings.maxPending()) {
            finish(request, new AlertDeliveries.Result(false, 0, clock.instant(), "not sent: more than "
                    + settings.maxPending() + " alerts are waiting to be delivered"));
            return;
        }
        String body;
        try {
            body = JSON.writeValueAsString(request.payload());
        } catch (JsonProcessingException e) {
            finish(request, new AlertDeliveries.Result(false, 0, clock.instant(), "not sent: the payload could not be written"));
            return;
        }
        schedule(request, body, 1, clock.instant(), Duration.ZERO);
    }

    /** The result of a delivery, once it has one. */
    public Optional<AlertDeliveries.Result> result(Key key) {
        return Optional.ofNullable(results.get(key)).map(Kept::result);
    }

    /** Forgets a result that the run's status now records. */
    public void forget(Key key) {
        results.remove(key);
    }

    private void schedule(Request request, String body, int attempt, Instant first, Duration delay) {
        try {
            executor.schedule(() -> attempt(request, body, attempt, first), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            inFlight.remove(request.key()); // shutting down: the run's status keeps it Pending for the next operator
        }
    }

    private void attempt(Request request, String body, int attempt, Instant first) {
        WebhookClient.Attempt outcome;
        try {
            outcome = webhooks.post(request.run().getNamespace().orElse(null), request.secret(), body);
        } catch (RuntimeException e) {
            // Nothing from an unexpected failure is shown: its message might carry the URL.
            LOG.debugf("alert delivery %s failed unexpectedly (%s)", request.key(), e.getClass().getSimpleName());
            outcome = WebhookClient.Attempt.retry("an unexpected error occurred while sending");
        }
        Instant now = clock.instant();
        if (outcome.delivered()) {
            finish(request, new AlertDeliveries.Result(true, attempt, now, "sent (" + outcome.message() + ")"
                    + (attempt > 1 ? " after " + attempt + " attempts" : "")));
            return;
        }
        Duration backoff = settings.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        boolean inTime = !now.plus(backoff).isAfter(first.plus(settings.maxTotal()));
        if (outcome.retry() && attempt < settings.maxAttempts() && inTime) {
            LOG.debugf("alert delivery %s: attempt %d failed (%s), retrying in %s", request.key(), attempt, outcome.message(), backoff);
            schedule(request, body, attempt + 1, first, backoff);
            return;
        }
        String why = outcome.retry() && attempt > 1 ? "; gave up after " + attempt + " attempts" : "";
        finish(request, new AlertDeliveries.Result(false, attempt, now, outcome.message() + why));
    }

    private void finish(Request request, AlertDeliveries.Result result) {
        Instant now = clock.instant();
        results.values().removeIf(kept -> kept.at().plus(RESULTS_KEPT).isBefore(now));
        results.put(request.key(), new Kept(result, now));
        inFlight.remove(request.key());
        finished.propagateEvent(request.run());
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
