package io.raffinerie.it;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataEnvironmentSpec;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunSpec;
import io.raffinerie.api.v1alpha1.Status;
import io.raffinerie.model.Conditions;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunSpec;
import io.raffinerie.api.v1alpha1.PipelineStep;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Small helpers the integration tests share. */
public final class Resources {
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Resources() {
    }

    /** The Ready condition of a custom resource, once the operator has written one for its generation. */
    public static <R extends CustomResource<?, ? extends Status>> Condition awaitReady(KubernetesClient client, R resource) {
        Condition[] found = new Condition[1];
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
            R current = client.resource(resource).get();
            Optional<Condition> ready = current == null || current.getStatus() == null ? Optional.empty()
                    : Conditions.find(current.getStatus().conditions, Conditions.READY)
                            .filter(c -> current.getMetadata().getGeneration().equals(c.getObservedGeneration()));
            ready.ifPresent(c -> found[0] = c);
            return ready.isPresent();
        });
        return found[0];
    }

    /** An environment named after its namespace, provisioned and Ready. */
    public static DataEnvironment readyEnvironment(KubernetesClient client, String namespace) {
        DataEnvironment environment = new DataEnvironment();
        environment.getMetadata().setName(namespace);
        environment.setSpec(new DataEnvironmentSpec());
        DataEnvironment created = client.resource(environment).serverSideApply();
        await().atMost(TIMEOUT).until(() -> Conditions.isTrue(client.resource(created).get().getStatus() == null ? null
                : client.resource(created).get().getStatus().conditions, Conditions.READY));
        return created;
    }

    /** A bash job that echoes its name, to apply. */
    public static DataJob bashJob(String namespace, String name) {
        DataJob job = new DataJob();
        job.getMetadata().setName(name);
        job.getMetadata().setNamespace(namespace);
        job.setSpec(new DataJobSpec());
        job.getSpec().technology = "bash";
        job.getSpec().script = "echo " + name;
        return job;
    }

    /** A run of a job or of a pipeline, to create. */
    public static DataRun run(String namespace, String name, String jobRef, String pipelineRef) {
        DataRun run = new DataRun();
        run.getMetadata().setName(name);
        run.getMetadata().setNamespace(namespace);
        run.setSpec(new DataRunSpec());
        run.getSpec().jobRef = jobRef;
        run.getSpec().pipelineRef = pipelineRef;
        return run;
    }

    /** The run once it exists with a status that meets the condition. */
    public static DataRun awaitRun(KubernetesClient client, String namespace, String name, Predicate<DataRun> condition) {
        return await().atMost(TIMEOUT).ignoreExceptionsMatching(Resources::isClosedConnection).until(() -> client.resources(DataRun.class).inNamespace(namespace).withName(name).get(),
                r -> r != null && r.getStatus() != null && condition.test(r));
    }

    public static void createNamespace(KubernetesClient client, String name) {
        client.resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).serverSideApply();
    }

    /** A pipeline step running the job of the same name. */
    public static PipelineStep step(String name, String when, String... dependsOn) {
        PipelineStep step = new PipelineStep();
        step.name = name;
        step.jobRef = name;
        step.dependsOn = dependsOn.length == 0 ? null : List.of(dependsOn);
        step.when = when;
        return step;
    }

    public static String describe(HasMetadata resource) {
        return resource.getKind() + " " + resource.getMetadata().getName();
    }

    /** JOSDK's count of a controller's successful reconciliations so far, from the registry its metrics go to. */
    public static double reconciliations(io.micrometer.core.instrument.MeterRegistry registry, String controller) {
        return registry.getMeters().stream()
                .filter(m -> m.getId().getName().contains("reconciliations.success"))
                .filter(m -> m.getId().getTags().stream().anyMatch(t -> t.getValue().equalsIgnoreCase(controller)))
                .mapToDouble(m -> m.measure().iterator().next().getValue())
                .sum();
    }

    /** A request that failed because the HTTP client's connection was closed under it: worth polling again. */
    static boolean isClosedConnection(Throwable e) {
        return e instanceof io.fabric8.kubernetes.client.KubernetesClientException && e.getMessage() != null
                && e.getMessage().contains("Connection was closed");
    }
}
