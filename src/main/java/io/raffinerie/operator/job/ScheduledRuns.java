package io.raffinerie.operator.job;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunSpec;
import io.raffinerie.api.v1alpha1.Trigger;
import io.raffinerie.model.LabelValues;
import io.raffinerie.model.RunLabels;
import io.raffinerie.operator.common.Creations;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Records every Job a job's CronJob started as a DataRun of the same name, exactly once: the run is created
 * (AlreadyExists is fine), then the Job gets the run as an owner, which marks it as recorded. Jobs started while
 * the operator was down are recorded when it comes back.
 */
@ApplicationScoped
public class ScheduledRuns {
    private final KubernetesClient client;

    public ScheduledRuns(KubernetesClient client) {
        this.client = client;
    }

    void record(DataJob job, List<Job> jobs) {
        jobs.stream().filter(ScheduledRuns::isUnrecordedCronJobRun).forEach(cronRun -> record(job, cronRun));
    }

    private void record(DataJob job, Job cronRun) {
        DataRun run = new DataRun();
        run.getMetadata().setName(cronRun.getMetadata().getName());
        run.getMetadata().setNamespace(cronRun.getMetadata().getNamespace());
        run.getMetadata().getLabels().put(RunLabels.TRIGGER, Trigger.Schedule.name());
        run.getMetadata().getLabels().put(RunLabels.JOB, LabelValues.of(job.getMetadata().getName()));
        run.setSpec(new DataRunSpec());
        run.getSpec().jobRef = job.getMetadata().getName();
        Creations.createIfAbsent(client, run);
        DataRun recorded = client.resource(run).get();
        if (recorded == null) {
            return;
        }
        OwnerReference owner = new OwnerReferenceBuilder().withApiVersion(recorded.getApiVersion()).withKind(recorded.getKind())
                .withName(recorded.getMetadata().getName()).withUid(recorded.getMetadata().getUid()).withController(false)
                .withBlockOwnerDeletion(false).build();
        client.batch().v1().jobs().inNamespace(cronRun.getMetadata().getNamespace()).withName(cronRun.getMetadata().getName())
                .edit(j -> {
                    j.getMetadata().getOwnerReferences().add(owner);
                    return j;
                });
    }

    static boolean isUnrecordedCronJobRun(Job job) {
        var owners = job.getMetadata().getOwnerReferences();
        return owners != null && owners.stream().anyMatch(o -> "CronJob".equals(o.getKind()))
                && owners.stream().noneMatch(o -> "DataRun".equals(o.getKind()));
    }
}
