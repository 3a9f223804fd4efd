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
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Sends alert webhooks off the reconciliation threads, with retries and a bounded total time (a SmallRye Fault
 * Tolerance guard). It never writes the
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
    private final ExecutorService executor;
    private final TypedGuard<CompletionStage<WebhookClient.Attempt>> guard;
    private final Map<Key, Boolean> inFlight = new ConcurrentHashMap<>();
    private final Map<Key, Kept> results = new ConcurrentHashMap<>();
    private final SimpleInboundEventSource<DataRun> finished = new SimpleInboundEventSource<>("alert-deliveries");

    public AlertDispatcher(WebhookClient webhooks, OperatorSettings settings, Clock clock) {
        this.webhooks = webhooks;
        this.settings = settings.alerts();
        this.clock = clock;
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(1, this.settings.threads()), task -> {
            Thread thread = new Thread(task, "raffinerie-alerts-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.guard = guard(this.settings);
    }

    /**
     * Retries with a doubling wait from the first backoff, up to maxAttempts in all, and none started later than
     * maxTotal after the first; the waits run on the guard's timer, the attempts on this dispatcher's threads.
     */
    static TypedGuard<CompletionStage<WebhookClient.Attempt>> guard(OperatorSettings.Alerts settings) {
        long total = Math.max(1, settings.maxTotal().toMillis());
        return TypedGuard.create(new TypeLiteral<CompletionStage<WebhookClient.Attempt>>() { })
                .withDescription("alert webhook")
                .withRetry()
                .maxRetries(Math.max(0, settings.maxAttempts() - 1))
                .delay(settings.initialBackoff().toMillis(), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .maxDuration(total, ChronoUnit.MILLIS)
                .retryOn(Retryable.class)
                // The waits stay below the total time.
                .withExponentialBackoff().factor(2).maxDelay(Math.max(0, total - 1), ChronoUnit.MILLIS).done()
                .done()
                .build();
    }

    /** An attempt that another may cure; the guard retries on it and hands the last one back. */
    private static final class Retryable extends RuntimeException {
        private final transient WebhookClient.Attempt outcome;

        Retryable(WebhookClient.Attempt outcome) {
            super(outcome.message(), null, false, false);
            this.outcome = outcome;
        }
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
        send(request, body);
    }

    /** The result of a delivery, once it has one. */
    public Optional<AlertDeliveries.Result> result(Key key) {
        return Optional.ofNullable(results.get(key)).map(Kept::result);
    }

    /** Forgets a result that the run's status now records. */
    public void forget(Key key) {
        results.remove(key);
    }

    private void send(Request request, String body) {
        AtomicInteger attempts = new AtomicInteger();
        guard.get(() -> CompletableFuture.supplyAsync(() -> attempt(request, body, attempts.incrementAndGet()), executor))
                .whenComplete((delivered, failure) -> settle(request, attempts.get(), delivered, failure));
    }

    /** One attempt; a failure that another attempt may cure is thrown, for the guard to retry. */
    private WebhookClient.Attempt attempt(Request request, String body, int attempt) {
        WebhookClient.Attempt outcome;
        try {
            outcome = webhooks.post(request.run().getNamespace().orElse(null), request.secret(), body);
        } catch (RuntimeException e) {
            // Nothing from an unexpected failure is shown: its message might carry the URL.
            LOG.debugf("alert delivery %s failed unexpectedly (%s)", request.key(), e.getClass().getSimpleName());
            outcome = WebhookClient.Attempt.retry("an unexpected error occurred while sending");
        }
        if (outcome.retry()) {
            LOG.debugf("alert delivery %s: attempt %d failed (%s)", request.key(), attempt, outcome.message());
            throw new Retryable(outcome);
        }
        return outcome;
    }

    private void settle(Request request, int attempts, WebhookClient.Attempt outcome, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof RejectedExecutionException) {
            inFlight.remove(request.key()); // shutting down: the run's status keeps it Pending for the next operator
            return;
        }
        Instant now = clock.instant();
        if (cause instanceof Retryable retryable) {
            String why = attempts > 1 ? "; gave up after " + attempts + " attempts" : "";
            finish(request, new AlertDeliveries.Result(false, attempts, now, retryable.outcome.message() + why));
        } else if (cause != null) {
            LOG.debugf("alert delivery %s failed unexpectedly (%s)", request.key(), cause.getClass().getSimpleName());
            finish(request, new AlertDeliveries.Result(false, attempts, now, "an unexpected error occurred while sending"));
        } else if (outcome.delivered()) {
            finish(request, new AlertDeliveries.Result(true, attempts, now, "sent (" + outcome.message() + ")"
                    + (attempts > 1 ? " after " + attempts + " attempts" : "")));
        } else {
            finish(request, new AlertDeliveries.Result(false, attempts, now, outcome.message()));
        }
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
