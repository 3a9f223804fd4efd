package io.raffinerie.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataRevision;
import io.raffinerie.api.v1alpha1.TargetStatus;
import io.raffinerie.model.dashboard.RevisionViews;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"List the revisions of a job or a pipeline, newest first.",
                "Every spec change is a DataRevision; rerun one with a DataRun's spec.revision, compare two with diff."})
class HistoryCommand implements Callable<Integer> {
    @Mixin
    KubeOptions kube;

    @Mixin
    TargetOptions targetOptions;

    @Override
    public Integer call() {
        HasMetadata resource = targetOptions.resolve(kube);
        String target = targetOptions.target;
        List<DataRevision> revisions = of(kube, resource);
        if (!kube.table()) {
            System.out.print(kube.serializeList(revisions));
            return ExitCodes.SUCCEEDED;
        }
        TargetStatus status = resource instanceof DataJob job ? job.getStatus() : ((DataPipeline) resource).getStatus();
        Table table = new Table("REVISION", "NAME", "CHANGED BY", "CHANGE CAUSE", "RECORDED", "CURRENT");
        for (RevisionViews.RevisionRow row : RevisionViews.list("", revisions, status == null ? null : status.currentRevision).rows()) {
            table.row(row.number(), row.name(), row.createdBy(), row.changeCause(), row.created(), row.current() ? "*" : "");
        }
        System.out.print(table.isEmpty() ? "no revision of " + target + " yet\n" : table.render());
        return ExitCodes.SUCCEEDED;
    }

    /** The revisions of a job or pipeline, from the API server. */
    static List<DataRevision> of(KubeOptions kube, HasMetadata target) {
        return kube.client().resources(DataRevision.class).inNamespace(kube.namespace())
                .withLabel(io.raffinerie.model.revision.Revisions.targetLabel(target.getKind())).list().getItems().stream()
                .filter(r -> io.raffinerie.model.revision.Revisions.belongsTo(r, target.getKind(), target.getMetadata().getName()))
                .toList();
    }
}
