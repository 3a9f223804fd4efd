package io.raffinerie.it;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.raffinerie.model.job.JobTemplates;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays the Job controller and the kubelet for integration tests, where no controller runs: creates a Job's pod
 * from its template (through admission, as the real controller would) and writes the statuses they would.
 */
final class JobControllerDouble {
    private final KubernetesClient client;

    JobControllerDouble(KubernetesClient client) {
        this.client = client;
    }

    /**
     * The Job the operator creates under that name, once it exists. A connection the HTTP client finds closed while
     * polling is polled again (seen under load on the shared test client; the operator's own requests retry too).
     */
    Job awaitJob(String namespace, String name) {
        return org.awaitility.Awaitility.await().atMost(Resources.TIMEOUT).ignoreExceptionsMatching(Resources::isClosedConnection)
                .until(() -> client.batch().v1().jobs().inNamespace(namespace).withName(name).get(), j -> j != null);
    }

    /** One attempt: a pod from the Job's template, Running. */
    Pod startAttempt(Job job, int attempt) {
        Pod pod = new PodBuilder()
                .withMetadata(job.getSpec().getTemplate().getMetadata())
                .editMetadata()
                .withName(job.getMetadata().getName() + "-" + attempt)
                .withNamespace(job.getMetadata().getNamespace())
                .addToLabels("batch.kubernetes.io/job-name", job.getMetadata().getName())
                .endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .build();
        Pod created = client.resource(pod).create();
        client.batch().v1().jobs().resource(job).editStatus(j -> {
            j.getStatus().setActive(1);
            if (j.getStatus().getStartTime() == null) { // immutable once set, as the real controller knows
                j.getStatus().setStartTime(now());
            }
            return j;
        });
        return created;
    }

    /** The Job under that name, once created, runs one attempt that succeeds. */
    void runToSuccess(String namespace, String name) {
        Job job = awaitJob(namespace, name);
        Pod pod = startAttempt(job, 1);
        succeed(client.resource(job).get(), pod);
    }

    /** The Job under that name, once created, runs one attempt that fails with that exit code. */
    void runToFailure(String namespace, String name, int exitCode) {
        Job job = awaitJob(namespace, name);
        Pod pod = startAttempt(job, 1);
        fail(client.resource(job).get(), pod, exitCode, 1, "BackoffLimitExceeded");
    }

    void succeed(Job job, Pod pod) {
        terminate(pod, 0, "Completed");
        client.batch().v1().jobs().resource(job).editStatus(j -> {
            j.getStatus().setActive(0);
            j.getStatus().setSucceeded(1);
            j.getStatus().setCompletionTime(now());
            j.getStatus().setConditions(conditions(j, "SuccessCriteriaMet", "CompletionsReached", "Complete", "CompletionsReached"));
            return j;
        });
    }

    void fail(Job job, Pod lastPod, int exitCode, int failedAttempts, String reason) {
        terminate(lastPod, exitCode, "Error");
        client.batch().v1().jobs().resource(job).editStatus(j -> {
            j.getStatus().setActive(0);
            j.getStatus().setFailed(failedAttempts);
            j.getStatus().setConditions(conditions(j, "FailureTarget", reason, "Failed", reason));
            return j;
        });
    }

    void acknowledgeSuspend(Job job) {
        client.batch().v1().jobs().resource(job).editStatus(j -> {
            j.getStatus().setActive(0);
            List<JobCondition> conditions = new ArrayList<>(j.getStatus().getConditions() == null ? List.of() : j.getStatus().getConditions());
            conditions.add(condition("Suspended", "JobSuspended"));
            j.getStatus().setConditions(conditions);
            return j;
        });
    }

    private void terminate(Pod pod, int exitCode, String reason) {
        client.pods().resource(pod).editStatus(p -> {
            p.getStatus().setPhase(exitCode == 0 ? "Succeeded" : "Failed");
            p.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName(JobTemplates.CONTAINER)
                    .withImage(pod.getSpec().getContainers().get(0).getImage()).withImageID("").withReady(false).withRestartCount(0)
                    .withNewState().withNewTerminated().withExitCode(exitCode).withReason(reason).withStartedAt(now())
                    .withFinishedAt(now()).endTerminated().endState().build()));
            return p;
        });
    }

    private static List<JobCondition> conditions(Job job, String interimType, String interimReason, String finalType,
            String finalReason) {
        List<JobCondition> conditions = new ArrayList<>(job.getStatus().getConditions() == null ? List.of()
                : job.getStatus().getConditions());
        conditions.add(condition(interimType, interimReason));
        conditions.add(condition(finalType, finalReason));
        return conditions;
    }

    private static JobCondition condition(String type, String reason) {
        return new JobConditionBuilder().withType(type).withStatus("True").withReason(reason).withMessage(reason)
                .withLastProbeTime(now()).withLastTransitionTime(now()).build();
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
