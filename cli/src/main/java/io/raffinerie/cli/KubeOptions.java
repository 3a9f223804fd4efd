package io.raffinerie.cli;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.raffinerie.model.Suggestions;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options every command takes: the kubeconfig's context and namespace, as kubectl reads them (KUBECONFIG or
 * ~/.kube/config), and the output format. The client acts with the context's identity, so RBAC and admission apply as
 * for kubectl.
 */
public class KubeOptions {
    @Option(names = {"-n", "--namespace"}, completionCandidates = CompletionNames.Namespaces.class, description = "Namespace (default: the context's namespace, else default)")
    String namespace;

    @Option(names = "--context", completionCandidates = CompletionNames.Contexts.class, description = "The kubeconfig context to use (default: the current context)")
    String context;

    @Option(names = {"-o", "--output"}, description = "Output format: ${COMPLETION-CANDIDATES} (default: a table)")
    Format output;

    private Config config;
    private KubernetesClient client;

    public Format output() {
        return output;
    }

    public boolean table() {
        return output == null || output == Format.wide;
    }

    public boolean wide() {
        return output == Format.wide;
    }

    public Config config() {
        if (config == null) {
            config = Config.autoConfigure(context);
            // A command answers at once: one retry of a refused connection or a 5xx, not the client's ten with backoff.
            config.setRequestRetryBackoffLimit(1);
            if (context != null) {
                List<String> names = config.getContexts() == null ? List.of()
                        : config.getContexts().stream().map(NamedContext::getName).toList();
                if (!names.contains(context)) {
                    throw CliException.invalid("--context " + context + ": no such context in the kubeconfig;"
                            + Suggestions.didYouMean(context, names) + " contexts: "
                            + (names.isEmpty() ? "none (is KUBECONFIG set?)" : String.join(", ", names)));
                }
            }
        }
        return config;
    }

    public String namespace() {
        if (namespace != null) {
            return namespace;
        }
        String fromContext = config().getNamespace();
        return fromContext == null || fromContext.isEmpty() ? "default" : fromContext;
    }

    public KubernetesClient client() {
        if (client == null) {
            client = new KubernetesClientBuilder().withConfig(config()).build();
        }
        return client;
    }

    /** Items as a kubectl List, in JSON or YAML. */
    public String serializeList(java.util.List<?> items) {
        java.util.Map<String, Object> list = new java.util.LinkedHashMap<>();
        list.put("apiVersion", "v1");
        list.put("kind", "List");
        list.put("items", items);
        return serialize(list);
    }

    /** The object or list as JSON or YAML, as kubectl prints it. */
    public String serialize(Object value) {
        var serialization = client().getKubernetesSerialization();
        return output == Format.json ? serialization.asJson(value) + "\n" : serialization.asYaml(value);
    }
}
