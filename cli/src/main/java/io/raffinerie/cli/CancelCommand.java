package io.raffinerie.cli;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.raffinerie.api.v1alpha1.DataRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Cancel a run.", "Its running Jobs are stopped, its pending steps Cancelled (spec.cancel: true)."})
class CancelCommand implements Callable<Integer> {
    @Mixin
    KubeOptions kube;

    @Parameters(index = "0", paramLabel = "RUN", completionCandidates = CompletionNames.UnfinishedRuns.class, description = "The run to cancel, or @latest")
    String run;

    @Override
    public Integer call() {
        DataRun existing = new Runs(kube.client(), kube.namespace()).run(run);
        String name = existing.getMetadata().getName();
        if (Runs.finished(existing)) {
            throw CliException.invalid("run " + name + " already ended " + existing.getStatus().phase
                    + "; nothing to cancel (retry it with: kubectl raffinerie retry " + name + ")");
        }
        DataRun patched = kube.client().resources(DataRun.class).inNamespace(kube.namespace()).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"cancel\":true}}");
        if (kube.table()) {
            System.out.println("run " + name + ": cancel requested");
        } else {
            System.out.print(kube.serialize(patched));
        }
        return ExitCodes.SUCCEEDED;
    }
}
