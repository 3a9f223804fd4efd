package io.raffinerie.operator.common;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.util.stream.Collectors;

/** Failure messages for people: what the API server said, never an exception class name. */
public final class Failures {
    private static final int MAX_LENGTH = 1024;

    private Failures() {
    }

    public static String describe(Throwable failure) {
        String text;
        if (failure instanceof AggregatedOperatorException aggregated && !aggregated.getAggregatedExceptions().isEmpty()) {
            text = aggregated.getAggregatedExceptions().entrySet().stream()
                    .map(entry -> entry.getKey() + ": " + describe(entry.getValue()))
                    .collect(Collectors.joining("; "));
        } else {
            text = messageOf(failure);
        }
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
