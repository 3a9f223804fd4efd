package io.raffinerie.operator.revision;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.raffinerie.api.v1alpha1.DataRevision;
import io.raffinerie.api.v1alpha1.History;
import io.raffinerie.model.revision.RevisionAuthors;
import io.raffinerie.model.revision.RevisionContent;
import io.raffinerie.model.revision.RevisionPruning;
import io.raffinerie.model.revision.Revisions;
import io.raffinerie.operator.common.Creations;
import jakarta.enterprise.context.ApplicationScoped;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.RevisionTarget;
import java.util.ArrayList;
import java.util.Collection;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Records a job's or pipeline's spec as a DataRevision when no revision holds it yet, and prunes the revisions past
 * its history. Names are deterministic and creation is create-or-get, so a restart or a reconcile on a stale cache
 * never makes a duplicate: a name taken by other content means the cache lagged, and the API server's list decides.
 */
@ApplicationScoped
public class TargetRevisions {
    private static final int MAX_ATTEMPTS = 5;
    private final KubernetesClient client;

    public TargetRevisions(KubernetesClient client) {
        this.client = client;
    }

    /**
     * The number of the revision that holds {@code spec} (with {@code jobs}, for a pipeline), made when missing; empty
     * when it is missing and the namespace is being deleted (the API server makes nothing there any more).
     */
    public OptionalLong record(HasMetadata target, Object spec, Map<String, String> jobs, Context<?> context) {
        try {
            return OptionalLong.of(find(target, spec, jobs, context));
        } catch (KubernetesClientException e) {
            if (Creations.namespaceTerminating(e)) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    private long find(HasMetadata target, Object spec, Map<String, String> jobs, Context<?> context) {
        String namespace = target.getMetadata().getNamespace();
        String hash = RevisionContent.hash(spec, jobs);
        List<DataRevision> known = RevisionCache.of(context, namespace, target.getKind(), target.getMetadata().getName());
        Optional<DataRevision> same = Revisions.withHash(known, hash);
        if (same.isPresent()) {
            return same.get().getSpec().revision;
        }
        String createdBy = lastSpecWriter(target);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            DataRevision desired = Revisions.desired(target, Revisions.next(known), RevisionContent.normalise(spec), jobs, hash,
                    createdBy);
            if (Creations.createIfAbsent(client, desired)) {
                return desired.getSpec().revision;
            }
            known = listFromApi(target);
            same = Revisions.withHash(known, hash);
            if (same.isPresent()) {
                return same.get().getSpec().revision;
            }
        }
        throw new IllegalStateException("could not record a DataRevision of " + target.getKind() + " "
                + target.getMetadata().getName() + " after " + MAX_ATTEMPTS + " attempts: its revision names keep being taken");
    }

    /**
     * The cached revision that holds each job's current spec, by job name; empty while a job is missing or its
     * current spec has no revision yet (its controller is about to record it: that revision's event comes back).
     */
    public static Optional<Map<String, DataRevision>> currentJobRevisions(Context<?> context, String namespace,
            Collection<String> jobs, Function<String, DataJobSpec> specs) {
        Map<String, DataRevision> revisions = new TreeMap<>();
        for (String job : jobs) {
            DataJobSpec spec = specs.apply(job);
            Optional<DataRevision> revision = spec == null ? Optional.empty()
                    : Revisions.withHash(RevisionCache.of(context, namespace, RevisionTarget.JOB, job), RevisionContent.hash(spec, null));
            if (revision.isEmpty()) {
                return Optional.empty();
            }
            revisions.put(job, revision.get());
        }
        return Optional.of(revisions);
    }

    /** Job name to revision name, as a pipeline revision keeps them. */
    public static Map<String, String> names(Map<String, DataRevision> revisions) {
        Map<String, String> names = new TreeMap<>();
        revisions.forEach((job, revision) -> names.put(job, revision.getMetadata().getName()));
        return names;
    }

    /** Deletes the target's revisions past its history, except those in use (names). */
    public void prune(HasMetadata target, History history, Set<String> inUse, Context<?> context) {
        List<DataRevision> known = RevisionCache.of(context, target.getMetadata().getNamespace(), target.getKind(),
                target.getMetadata().getName());
        RevisionPruning.toDelete(known, RevisionPruning.kept(history), inUse).forEach(r -> client.resource(r).delete());
    }

    /** The caches keep no managedFields: who wrote the spec is read once per new revision. */
    private String lastSpecWriter(HasMetadata target) {
        HasMetadata live = client.resources(target.getClass()).inNamespace(target.getMetadata().getNamespace())
                .withName(target.getMetadata().getName()).get();
        return live == null ? null : RevisionAuthors.lastSpecWriter(live.getMetadata().getManagedFields()).orElse(null);
    }

    private List<DataRevision> listFromApi(HasMetadata target) {
        List<DataRevision> revisions = new ArrayList<>();
        for (DataRevision r : client.resources(DataRevision.class).inNamespace(target.getMetadata().getNamespace())
                .withLabel(Revisions.targetLabel(target.getKind())).list().getItems()) {
            if (Revisions.belongsTo(r, target.getKind(), target.getMetadata().getName())) {
                revisions.add(r);
            }
        }
        return revisions;
    }
}
