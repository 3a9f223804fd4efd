package io.raffinerie.operator.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.it.ClusterIT;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A step's log is read once, when it ends: failures that may pass are tried again (SmallRye Fault Tolerance, whose
 * implementation the Quarkus application provides, hence a Quarkus test), refusals are not.
 */
@QuarkusTest
@ClusterIT
class StepLogReaderIT {
    /** A reader whose log source fails {@code failures} times with {@code code}, then gives the log. */
    private static StepLogReader failing(int failures, int code, AtomicInteger attempts) {
        return new StepLogReader(null) {
            @Override
            protected PodLogs logs() {
                return (namespace, pod, container) -> {
                    if (attempts.incrementAndGet() <= failures) {
                        throw new KubernetesClientException("the API server answered", code, null);
                    }
                    return new ByteArrayInputStream("extracted 40 orders\n".getBytes(StandardCharsets.UTF_8));
                };
            }
        };
    }

    @Test
    void aReadThatFailsWithoutAnAnswerIsTriedAgain() {
        // CI's make run: "(the log of pod daily-sales-first-extract-l92wc could not be read: the API server answered -1)"
        AtomicInteger attempts = new AtomicInteger();
        assertThat(failing(2, -1, attempts).tail("ns", "pod", "main", List.of())).isEqualTo("extracted 40 orders\n");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aServerErrorIsTriedAgainButNotForever() {
        AtomicInteger attempts = new AtomicInteger();
        assertThat(failing(100, 502, attempts).tail("ns", "pod", "main", List.of()))
                .isEqualTo("(the log of pod pod could not be read: the API server answered 502)");
        assertThat(attempts).hasValue(5);
    }

    @Test
    void aRefusalIsNotTriedAgain() {
        AtomicInteger attempts = new AtomicInteger();
        assertThat(failing(100, 404, attempts).tail("ns", "pod", "main", List.of()))
                .isEqualTo("(the log of pod pod could not be read: the API server answered 404)");
        assertThat(attempts).hasValue(1);
    }
}
