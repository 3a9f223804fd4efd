package io.raffinerie.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class ApiRetryTest {
    @Test
    void failuresWithoutAnAnswerMayPass() {
        assertThat(ApiRetry.mayPass(new KubernetesClientException("Connection was closed",
                new HttpClosedException("Connection was closed")))).isTrue();
        assertThat(ApiRetry.mayPass(new HttpClosedException("Connection was closed"))).isTrue();
        assertThat(ApiRetry.mayPass(new UncheckedIOException(new IOException("reset")))).isTrue();
        assertThat(ApiRetry.mayPass(new IOException("reset"))).isTrue();
    }

    @Test
    void overloadAndServerErrorsMayPass() {
        assertThat(ApiRetry.mayPass(new KubernetesClientException("too many", 429, null))).isTrue();
        assertThat(ApiRetry.mayPass(new KubernetesClientException("unavailable", 503, null))).isTrue();
    }

    @Test
    void refusalsAndBugsDoNot() {
        assertThat(ApiRetry.mayPass(new KubernetesClientException("forbidden", 403, null))).isFalse();
        assertThat(ApiRetry.mayPass(new KubernetesClientException("exists", 409, null))).isFalse();
        assertThat(ApiRetry.mayPass(new KubernetesClientException("invalid", 422, null))).isFalse();
        assertThat(ApiRetry.mayPass(new IllegalStateException("a bug"))).isFalse();
    }
}
