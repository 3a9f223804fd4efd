package io.raffinerie.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.Parameter;
import io.raffinerie.cli.Completer.Candidate;
import io.raffinerie.cli.Completer.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The names completion offers, read from the cluster with the kubeconfig's identity and the -n and --context typed on
 * the line. A TAB must not hang or print errors: the calls have short timeouts, and what fails (unreachable, forbidden)
 * offers nothing.
 */
final class ClusterNames implements Completer.Names {
    private static final int TIMEOUT_MILLIS = 3000;

    @Override
    public List<Candidate> names(CompletionNames.Kind kind, Words words) {
        KubeOptions kube = new KubeOptions();
        kube.namespace = words.option("--namespace");
        kube.context = words.option("--context");
        try {
            if (kind == CompletionNames.Kind.CONTEXTS) {
                return kube.config().getContexts() == null ? List.of()
                        : kube.config().getContexts().stream().map(NamedContext::getName).map(n -> new Candidate(n, null)).toList();
            }
            kube.config().setConnectionTimeout(TIMEOUT_MILLIS);
            kube.config().setRequestTimeout(TIMEOUT_MILLIS);
            kube.config().setRequestRetryBackoffLimit(0);
            try (KubernetesClient client = kube.client()) {
                return lookUp(kind, words, client, kube.namespace());
            }
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static List<Candidate> lookUp(CompletionNames.Kind kind, Words words, KubernetesClient client, String namespace) {
        return switch (kind) {
            case TARGETS -> targets(client, namespace, words.option("--kind"));
            case RUNS -> runs(client, namespace, r -> true, true);
            case UNFINISHED_RUNS -> runs(client, namespace, r -> !Runs.finished(r), false);
            case FINISHED_RUNS -> runs(client, namespace, Runs::finished, false);
            case STEPS -> words.positional(0) == null ? List.of() : steps(new Runs(client, namespace).run(words.positional(0)));
            case PARAMETERS -> words.positional(0) == null ? List.of() : parameters(new Runs(client, namespace)
                    .target(words.positional(0), words.option("--kind")));
            case NAMESPACES -> namespaces(client);
            case CONTEXTS -> List.of();
        };
    }

    private static List<Candidate> targets(KubernetesClient client, String namespace, String kind) {
        List<Candidate> candidates = new ArrayList<>();
        if (!"pipeline".equals(kind)) {
            Runs.names(client.resources(DataJob.class).inNamespace(namespace).list().getItems())
                    .forEach(n -> candidates.add(new Candidate(n, "job")));
        }
        if (!"job".equals(kind)) {
            Runs.names(client.resources(DataPipeline.class).inNamespace(namespace).list().getItems())
                    .forEach(n -> candidates.add(new Candidate(n, "pipeline")));
        }
        return candidates;
    }

    private static List<Candidate> runs(KubernetesClient client, String namespace, Predicate<DataRun> which, boolean latest) {
        List<Candidate> candidates = new ArrayList<>();
        if (latest) {
            candidates.add(new Candidate(Runs.LATEST, "the namespace's newest run"));
        }
        for (DataRun run : client.resources(DataRun.class).inNamespace(namespace).list().getItems()) {
            if (which.test(run)) {
                String phase = run.getStatus() == null || run.getStatus().phase == null ? "Pending"
                        : run.getStatus().phase.toString();
                candidates.add(new Candidate(run.getMetadata().getName(), phase + ", " + RunView.target(run)));
            }
        }
        return candidates;
    }

    private static List<Candidate> steps(DataRun run) {
        return run.getStatus() == null || run.getStatus().steps == null ? List.of()
                : run.getStatus().steps.stream().map(s -> new Candidate(s.name, Objects.toString(s.phase, "Pending"))).toList();
    }

    private static List<Candidate> parameters(HasMetadata target) {
        List<Parameter> declared = target instanceof DataJob job ? job.getSpec().parameters
                : ((DataPipeline) target).getSpec().parameters;
        return declared == null ? List.of() : declared.stream().map(p -> new Candidate(p.name + "=",
                p.defaultValue == null ? "required" : "default: " + p.defaultValue)).toList();
    }

    private static List<Candidate> namespaces(KubernetesClient client) {
        List<Candidate> candidates = new ArrayList<>();
        try {
            client.resources(DataEnvironment.class).list().getItems()
                    .forEach(e -> candidates.add(new Candidate(EnvsCommand.namespace(e), "environment " + e.getMetadata().getName())));
        } catch (RuntimeException e) {
            // not allowed to list environments: the namespaces may still be listed
        }
        try {
            client.namespaces().list().getItems().stream().map(Namespace::getMetadata)
                    .filter(m -> candidates.stream().noneMatch(c -> c.value().equals(m.getName())))
                    .forEach(m -> candidates.add(new Candidate(m.getName(), null)));
        } catch (RuntimeException e) {
            // not allowed to list namespaces: the environments' are all there is
        }
        return candidates;
    }
}
