package io.raffinerie.cli;

import io.raffinerie.api.v1alpha1.DataRun;
import java.io.PrintStream;
import java.time.Clock;

/** What `run` and `retry` do once the run exists: print its name; with --watch or --logs, follow it to its end. */
final class Started {
    private Started() {
    }

    static int follow(KubeOptions kube, DataRun created, boolean watch, boolean logs, PrintStream out, PrintStream err) {
        String name = created.getMetadata().getName();
        Runs runs = new Runs(kube.client(), kube.namespace());
        if (!watch && !logs) {
            if (kube.table()) {
                out.println("run " + name + " created (" + RunView.target(created) + ", namespace " + kube.namespace() + ")");
            } else {
                out.print(kube.serialize(created));
            }
            return ExitCodes.SUCCEEDED;
        }
        err.println("run " + name + " created (" + RunView.target(created) + ", namespace " + kube.namespace() + ")");
        DataRun finished;
        if (logs) {
            // With -o json|yaml, stdout is the finished run: the logs go to stderr.
            new StepLogs(kube.client(), kube.namespace()).show(created, null, true, kube.table() ? out : err, err,
                    kube.wide() ? Format.wide : null);
            finished = runs.awaitFinished(name);
            err.println(RunView.summary(finished, Clock.systemDefaultZone().instant()));
            if (!kube.table() && finished != null) {
                out.print(kube.serialize(finished));
            }
        } else {
            finished = runs.watch(created, kube.table() ? out : err, Clock.systemDefaultZone());
            if (!kube.table()) {
                out.print(kube.serialize(finished));
            }
        }
        if (finished == null) {
            throw CliException.invalid("run " + name + " was deleted before it finished");
        }
        return ExitCodes.of(finished.getStatus().phase);
    }
}
