package io.raffinerie.operator.common;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.smallrye.faulttolerance.api.Guard;
import io.vertx.core.VertxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

/**
 * A call to the API server that is not retried by a reconciliation (an Event, a step's log read once when it ends)
 * is tried again when it failed in a way that may pass: no answer, 429 or a 5xx. fabric8 retries only
 * IOExceptions, and the Vert.x client reports a pooled connection the server had closed as a VertxException
 * ("Connection was closed", fabric8io/kubernetes-client#7450), so such a call failed at once under load. A refusal
 * (4xx) is not tried again. Five attempts over about 3 s.
 */
public final class ApiRetry {
    private ApiRetry() {
    }

    /** Built on first use: the guard needs the fault-tolerance implementation the Quarkus application provides. */
    private static final class Holder {
        static final Guard GUARD = Guard.create()
                .withDescription("API call that may pass")
                .withRetry().maxRetries(4).delay(200, ChronoUnit.MILLIS).jitter(0, ChronoUnit.MILLIS)
                .maxDuration(5, ChronoUnit.SECONDS).whenException(ApiRetry::mayPass)
                .withExponentialBackoff().factor(2).maxDelay(1600, ChronoUnit.MILLIS).done()
                .done().build();
    }

    /** The call's result, after up to five attempts; the last failure is thrown as it was. */
    public static <T> T call(Callable<T> call, Class<T> type) {
        try {
            return Holder.GUARD.call(call, type);
        } catch (RuntimeException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the failure may pass: the server did not answer, or answered 429 or 5xx. */
    public static boolean mayPass(Throwable failure) {
        if (failure instanceof KubernetesClientException e) {
            return e.getCode() <= 0 || e.getCode() == 429 || e.getCode() >= 500;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof UncheckedIOException || cause instanceof VertxException) {
                return true;
            }
        }
        return false;
    }
}
