package io.raffinerie.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.OperatorException;
import java.net.ConnectException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailuresTest {

    private static KubernetesClientException apiError(int code, String message) {
        return new KubernetesClientException(new StatusBuilder().withCode(code).withMessage(message).build());
    }

    @Test
    void onlyInvalidOrMalformedObjectsAreRefusalsThatNoRetryCanMend() {
        assertThat(Failures.isRefusal(apiError(422, "spec.x: Invalid value"))).isTrue();
        assertThat(Failures.isRefusal(new OperatorException(apiError(400, "bad request")))).isTrue();
        assertThat(Failures.isRefusal(apiError(403, "jobs.batch is forbidden"))).isFalse();
        assertThat(Failures.isRefusal(apiError(500, "etcdserver: request timed out"))).isFalse();
        assertThat(Failures.isRefusal(new KubernetesClientException("connect", new ConnectException("refused")))).isFalse();
    }

    @Test
    void anAggregateIsARefusalOnlyWhenEveryPartIs() {
        assertThat(Failures.isRefusal(new AggregatedOperatorException("x", Map.of("a", apiError(422, "a"), "b", apiError(400, "b")))))
                .isTrue();
        assertThat(Failures.isRefusal(new AggregatedOperatorException("x", Map.of("a", apiError(422, "a"), "b", apiError(503, "b")))))
                .isFalse();
    }

    @Test
    void aConflictIsRecognisedThroughWrappers() {
        assertThat(Failures.isConflict(new OperatorException(apiError(409, "the object has been modified")))).isTrue();
        assertThat(Failures.isConflict(apiError(403, "forbidden"))).isFalse();
    }

    @Test
    void whatTheApiServerAnsweredIsALineAndOnlyAFaultOfTheOperatorsIsNot() {
        assertThat(Failures.isFromApiServer(new OperatorException(new AggregatedOperatorException("x",
                Map.of("access", apiError(403, "forbidden")))))).isTrue();
        assertThat(Failures.isFromApiServer(new KubernetesClientException("x", new ConnectException("Connection refused")))).isTrue();
        assertThat(Failures.isFromApiServer(new OperatorException(new NullPointerException("bug")))).isFalse();
        assertThat(Failures.isFromApiServer(new AggregatedOperatorException("x", Map.of("a", apiError(403, "a"),
                "b", new IllegalStateException("bug"))))).isFalse();
    }

    @Test
    void anObjectDeletedMeanwhileOrAConflictIsRoutine() {
        assertThat(Failures.isRoutine(new OperatorException(apiError(404, "dataruns \"r-1\" not found")))).isTrue();
        assertThat(Failures.isRoutine(apiError(409, "the object has been modified"))).isTrue();
        assertThat(Failures.isRoutine(apiError(403, "forbidden"))).isFalse();
    }

    @Test
    void theRetryMessageQuotesTheApiServerNotAnExceptionClass() {
        assertThat(Failures.retrying(new OperatorException(apiError(403, "jobs.batch \"r-1\" is forbidden: frozen"))))
                .isEqualTo("retrying with backoff: jobs.batch \"r-1\" is forbidden: frozen");
        assertThat(Failures.retrying(new KubernetesClientException("x", new ConnectException("Connection refused"))))
                .isEqualTo("retrying with backoff: Connection refused");
    }
}
