package io.raffinerie.e2e.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.raffinerie.e2e.cli.Plugin.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every command takes -n, --context and -o json|yaml|wide, as the plugin's users run it (see {@link Plugin}). */
class CliOutputIT extends PluginSuite {
    static final String NS = "e2e-cli-out";
    static final String DONE = "out-done";
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    CliOutputIT() {
        super(NS);
    }

    String context;

    @BeforeAll
    void fixtures() {
        context = cluster.client().getConfiguration().getCurrentContext().getName();
        Plugin.simulatedJob(raffinerie, NS, "quick", "0s", 0, "quick done");
        Plugin.simulatedJob(raffinerie, NS, "slow", "10m", 0, "slow started");
        raffinerie.run(NS, DONE, "jobRef", "quick", null);
        raffinerie.awaitPhase(NS, DONE, "Succeeded");
    }

    @Test
    void runGetListLogsRetryAndCancelPrintJsonYamlAndWide() {
        GenericKubernetesResource created = object(ok("run", "quick", "-o", "json"));
        assertThat(created.getKind()).isEqualTo("DataRun");
        assertThat(created.<String>get("spec", "jobRef")).isEqualTo("quick");

        assertThat(object(ok("get", DONE, "-o", "yaml")).getMetadata().getName()).isEqualTo(DONE);
        assertThat(ok("get", DONE, "-o", "wide").lines().findFirst().orElseThrow()).contains("JOB", "STARTED", "MESSAGE");

        assertThat(items(ok("list", "-o", "json"))).extracting(i -> (Object) ((Map<?, ?>) i.get("metadata")).get("name"))
                .contains(DONE, created.getMetadata().getName());
        assertThat(items(ok("list", "jobs", "-o", "yaml"))).hasSize(2);
        assertThat(ok("list", "jobs", "-o", "wide").lines().findFirst().orElseThrow()).contains("REASON");

        assertThat(items(ok("logs", DONE, "-o", "json"))).singleElement().satisfies(step -> {
            assertThat(step).containsEntry("step", "quick").containsEntry("phase", "Succeeded").containsEntry("exitCode", 0);
            assertThat((String) step.get("log")).contains("quick done");
        });
        assertThat(ok("logs", DONE, "-o", "wide")).contains("[quick] quick done");

        GenericKubernetesResource retry = object(ok("retry", DONE, "-o", "json"));
        assertThat(retry.getKind()).isEqualTo("DataRun");
        assertThat(retry.getMetadata().getAnnotations()).containsEntry("raffinerie.io/retry-of", DONE);

        String slow = object(ok("run", "slow", "-o", "json")).getMetadata().getName();
        GenericKubernetesResource cancelled = object(ok("cancel", slow, "-o", "yaml"));
        assertThat(cancelled.<Boolean>get("spec", "cancel")).isTrue();
    }

    @Test
    void envsAndTechPrintJsonYamlAndWide() {
        assertThat(items(ok("envs", "-o", "json"))).as("-n picks the environment of that namespace").singleElement()
                .satisfies(e -> assertThat(((Map<?, ?>) e.get("metadata")).get("name")).isEqualTo(NS));
        assertThat(ok("envs", "-o", "wide")).contains("MESSAGE").contains(NS);
        assertThat(items(ok("tech", "-o", "yaml"))).isNotEmpty();
        assertThat(ok("tech", "-o", "wide").lines().findFirst().orElseThrow()).contains("IMAGES");
    }

    @Test
    void aNamespaceOrAContextThatIsNotThereIsNamed() {
        Result otherNamespace = plugin.run(cluster.kubeconfig(), List.of("get", DONE, "-n", "default"));
        assertThat(otherNamespace.exitCode()).as(otherNamespace.describe()).isEqualTo(3);
        assertThat(otherNamespace.stderr()).contains("no run " + DONE + " in namespace default");
        Result badContext = plugin.cli("list", "--context", context + "-x");
        assertThat(badContext.exitCode()).as(badContext.describe()).isEqualTo(3);
        assertThat(badContext.stderr()).contains("--context " + context + "-x: no such context in the kubeconfig;")
                .contains("did you mean \"" + context + "\"?");
    }

    /** The command with -n and --context; it must succeed; its stdout. */
    private String ok(String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--context", context));
        Result result = plugin.cli(command.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.describe()).isZero();
        return result.stdout();
    }

    private static GenericKubernetesResource object(String jsonOrYaml) {
        return SERIALIZATION.unmarshal(jsonOrYaml, GenericKubernetesResource.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(String jsonOrYaml) {
        GenericKubernetesResource list = object(jsonOrYaml);
        assertThat(list.getKind()).isEqualTo("List");
        return (List<Map<String, Object>>) list.getAdditionalProperties().get("items");
    }
}
