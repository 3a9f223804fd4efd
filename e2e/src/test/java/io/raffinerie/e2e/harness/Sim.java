package io.raffinerie.e2e.harness;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pod simulation of the local KWOK cluster (e2e/cluster/stages.yaml, e2e/cluster/README.md): annotations
 * on a pod, usually set through a Job's pod template, decide how the pod behaves. Images are never pulled.
 */
public final class Sim {

    /** How long the pod stays Running before it terminates, as a Go duration ("2s", "1m30s"); default 0. */
    public static final String DURATION = "raffinerie.io/sim-duration";
    /** Exit code of the containers; non-zero: the pod ends Failed, the containers terminated with reason Error. */
    public static final String EXIT_CODE = "raffinerie.io/sim-exit-code";
    /** Text that {@code kubectl logs} prints for every container of the pod, one log line per line. */
    public static final String LOG = "raffinerie.io/sim-log";
    /** How long the pod stays Pending after its creation before it runs; default 0. */
    public static final String START_DELAY = "raffinerie.io/sim-start-delay";
    /** The containers' termination message when the pod fails. */
    public static final String TERMINATION_MESSAGE = "raffinerie.io/sim-termination-message";

    /** A fake image: KWOK never pulls it. */
    public static final String IMAGE = "registry.invalid/raffinerie/sim:1";

    private Sim() {
    }

    /** Simulation annotations, built fluently: {@code Sim.annotations().duration(...).exitCode(3).build()}. */
    public static Annotations annotations() {
        return new Annotations();
    }

    /** A container that satisfies the {@code restricted} Pod Security level. */
    public static Container restrictedContainer(String name) {
        return new ContainerBuilder()
                .withName(name)
                .withImage(IMAGE)
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withRunAsNonRoot(true)
                .withRunAsUser(1000L)
                .withNewCapabilities().addToDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .build();
    }

    /** A pod spec with one restricted container and the given restart policy. */
    public static PodSpec restrictedPodSpec(String restartPolicy) {
        return new PodSpecBuilder()
                .withRestartPolicy(restartPolicy)
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .withContainers(restrictedContainer("main"))
                .build();
    }

    /** A restricted-compliant batch/v1 Job (restartPolicy Never, backoffLimit 0) whose pod carries {@code annotations}. */
    public static Job job(String name, Map<String, String> annotations) {
        return new JobBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withNewTemplate()
                .withNewMetadata().addToAnnotations(annotations).endMetadata()
                .withSpec(restrictedPodSpec("Never"))
                .endTemplate()
                .endSpec()
                .build();
    }

    public static final class Annotations {
        private final Map<String, String> values = new LinkedHashMap<>();

        public Annotations duration(Duration duration) {
            values.put(DURATION, duration.toMillis() + "ms");
            return this;
        }

        public Annotations exitCode(int code) {
            values.put(EXIT_CODE, Integer.toString(code));
            return this;
        }

        public Annotations log(String text) {
            values.put(LOG, text);
            return this;
        }

        public Annotations startDelay(Duration delay) {
            values.put(START_DELAY, delay.toMillis() + "ms");
            return this;
        }

        public Annotations terminationMessage(String message) {
            values.put(TERMINATION_MESSAGE, message);
            return this;
        }

        public Map<String, String> build() {
            return Map.copyOf(values);
        }
    }
}
