package io.raffinerie.operator.common;

import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.raffinerie.api.v1alpha1.Status;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Readiness;
import io.raffinerie.model.Reasons;
import java.time.Clock;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.util.stream.Collectors;

/** Failure messages for people: what the API server said, never an exception class name. */
public final class Failures {
    private static final int MAX_LENGTH = 1024;

    private Failures() {
    }

    /**
     * True when the API server refused an object as invalid (422) or malformed (400): retrying the same spec cannot
     * help, and a change to the spec triggers a new reconciliation anyway.
     */
    public static boolean isRefusal(Throwable failure) {
        return answered(failure, code -> code == 422 || code == 400);
    }

    /**
     * True when the API server answered (a refusal, a 403, a 404 for an object deleted meanwhile, a conflict) or could
     * not be reached: a condition the status and one log line tell, not a fault in the operator with a stack trace.
     */
    public static boolean isFromApiServer(Throwable failure) {
        return answered(failure, code -> true);
    }

    /** An object deleted while it was reconciled, or a conflict: routine, the next event brings the truth. */
    public static boolean isRoutine(Throwable failure) {
        return answered(failure, code -> code == 404 || code == 409);
    }

    /** Whether the failure, or every failure of an aggregate, is a client failure whose code matches. */
    private static boolean answered(Throwable failure, IntPredicate code) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AggregatedOperatorException aggregated && !aggregated.getAggregatedExceptions().isEmpty()) {
                return aggregated.getAggregatedExceptions().values().stream().allMatch(each -> answered(each, code));
            }
            if (cause instanceof KubernetesClientException client) {
                return code.test(client.getCode());
            }
        }
        return false;
    }

    /** An optimistic-lock conflict: routine when two writers race, and retried at once with the fresh object. */
    public static boolean isConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof KubernetesClientException client) {
                return client.getCode() == 409;
            }
        }
        return false;
    }

    /** What a resource says while a failure that may pass (a policy's 403, an outage) is retried. */
    public static String retrying(Throwable failure) {
        return "retrying with backoff: " + describe(failure);
    }

    /** Ready=False for a failed reconciliation: refused by the API server, or failed otherwise. */
    public static Problem problem(Throwable failure) {
        return isRefusal(failure)
                ? new Problem(Reasons.REFUSED_BY_API, "the API server refused what the spec makes: " + describe(failure))
                : new Problem(Reasons.RECONCILE_FAILED, describe(failure));
    }

    /**
     * The status to record after a failed reconciliation: Ready=False with the problem. A refusal is not retried (the
     * same spec would be refused again); anything else is, with JOSDK's backoff.
     */
    public static <S extends Status, P extends CustomResource<?, S>> ErrorStatusUpdateControl<P> readyFalse(P resource,
            Supplier<S> empty, Throwable failure, Clock clock) {
        S status = StatusPatch.copyOf(resource.getStatus(), empty);
        Readiness.apply(status, Optional.of(problem(failure)), resource.getMetadata().getGeneration(), Reasons.VALID, "", clock);
        ErrorStatusUpdateControl<P> update = StatusPatch.errorStatus(resource, status);
        return isRefusal(failure) ? update.withNoRetry() : update;
    }

    public static String describe(Throwable failure) {
        String text = null;
        for (Throwable cause = failure; cause != null && text == null; cause = cause.getCause()) {
            if (cause instanceof AggregatedOperatorException aggregated && !aggregated.getAggregatedExceptions().isEmpty()) {
                text = aggregated.getAggregatedExceptions().entrySet().stream()
                        .map(entry -> entry.getKey() + ": " + describe(entry.getValue()))
                        .collect(Collectors.joining("; "));
            }
        }
        text = text == null ? messageOf(failure) : text;
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "…" : text;
    }

    private static String messageOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof KubernetesClientException client && client.getStatus() != null
                    && client.getStatus().getMessage() != null) {
                return client.getStatus().getMessage();
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? "an unexpected error occurred; see the operator's log" : root.getMessage();
    }
}
