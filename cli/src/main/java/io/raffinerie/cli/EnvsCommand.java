package io.raffinerie.cli;

import io.fabric8.kubernetes.api.model.Condition;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "envs", mixinStandardHelpOptions = true, description = {"List the environments you can see, with their health.", "Ready, and the reason and message when they"
        + " are not. With -n, the environment of that namespace."})
class EnvsCommand implements Callable<Integer> {
    @Mixin
    KubeOptions kube;

    @Override
    public Integer call() {
        // Environments are cluster-wide: -n picks the one whose namespace it is.
        List<DataEnvironment> environments = kube.client().resources(DataEnvironment.class).list().getItems().stream()
                .filter(e -> kube.namespace == null || kube.namespace.equals(namespace(e))).toList();
        if (!kube.table()) {
            System.out.print(kube.serializeList(environments));
            return ExitCodes.SUCCEEDED;
        }
        if (environments.isEmpty()) {
            System.err.println(kube.namespace == null ? "No environments found." : "No environment has namespace " + kube.namespace
                    + "; list them all with: kubectl raffinerie envs");
            return ExitCodes.SUCCEEDED;
        }
        System.out.print(table(environments, kube.wide(), Instant.now()));
        return ExitCodes.SUCCEEDED;
    }

    static String table(List<DataEnvironment> environments, boolean wide, Instant now) {
        Table table = wide ? new Table("NAME", "NAMESPACE", "HEALTH", "REASON", "AGE", "MESSAGE")
                : new Table("NAME", "NAMESPACE", "HEALTH", "REASON", "AGE");
        for (DataEnvironment environment : environments) {
            var ready = Listings.ready(environment.getStatus());
            String health = ready.map(c -> "True".equals(c.getStatus()) ? "Ready" : "NotReady").orElse("Unknown");
            String namespace = namespace(environment);
            String age = Listings.ago(environment.getMetadata().getCreationTimestamp(), now).replace(" ago", "");
            if (wide) {
                table.row(environment.getMetadata().getName(), namespace, health, ready.map(Condition::getReason).orElse(""), age,
                        RunView.oneLine(ready.map(Condition::getMessage).orElse("")));
            } else {
                table.row(environment.getMetadata().getName(), namespace, health, ready.map(Condition::getReason).orElse(""), age);
            }
        }
        return table.render();
    }

    /** The environment's namespace: the one it made, else the one it names, else its own name. */
    static String namespace(DataEnvironment environment) {
        return environment.getStatus() != null && environment.getStatus().namespace != null ? environment.getStatus().namespace
                : environment.getSpec() != null && environment.getSpec().namespace != null ? environment.getSpec().namespace
                : environment.getMetadata().getName();
    }
}
