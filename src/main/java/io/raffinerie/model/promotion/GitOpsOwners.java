package io.raffinerie.model.promotion;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether Argo CD or Flux owns an object, from what they leave on it: their field managers in managedFields, or
 * their tracking labels and annotations. Such an object is never written by the operator: the next sync would undo
 * the write, or the write would show as drift.
 */
public final class GitOpsOwners {
    private static final Map<String, String> MANAGERS = Map.of("argocd-controller", "Argo CD",
            "argocd-application-controller", "Argo CD", "kustomize-controller", "Flux", "helm-controller", "Flux");
    private static final Map<String, String> MARKS = Map.of("argocd.argoproj.io/instance", "Argo CD",
            "argocd.argoproj.io/tracking-id", "Argo CD", "kustomize.toolkit.fluxcd.io/name", "Flux",
            "helm.toolkit.fluxcd.io/name", "Flux");

    private GitOpsOwners() {
    }

    /** The tool that owns the object, such as "Argo CD (argocd-controller)", or empty. */
    public static Optional<String> of(ObjectMeta metadata) {
        List<ManagedFieldsEntry> managed = metadata.getManagedFields() == null ? List.of() : metadata.getManagedFields();
        for (ManagedFieldsEntry entry : managed) {
            String tool = MANAGERS.get(entry.getManager());
            if (tool != null) {
                return Optional.of(tool + " (field manager " + entry.getManager() + ")");
            }
        }
        for (Map<String, String> marks : java.util.Arrays.asList(metadata.getLabels(), metadata.getAnnotations())) {
            if (marks == null) {
                continue;
            }
            for (Map.Entry<String, String> mark : MARKS.entrySet()) {
                if (marks.containsKey(mark.getKey())) {
                    return Optional.of(mark.getValue() + " (" + mark.getKey() + ")");
                }
            }
        }
        return Optional.empty();
    }
}
