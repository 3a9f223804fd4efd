package io.raffinerie.model.revision;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Who changed a spec, as the API server records it: the field manager of the latest managedFields entry that owns
 * fields of {@code spec} (kubectl, kubectl-client-side-apply, argocd-controller, the dashboard's user...).
 */
public final class RevisionAuthors {
    private RevisionAuthors() {
    }

    public static Optional<String> lastSpecWriter(List<ManagedFieldsEntry> entries) {
        if (entries == null) {
            return Optional.empty();
        }
        return entries.stream()
                .filter(e -> e.getSubresource() == null || e.getSubresource().isEmpty())
                .filter(e -> e.getFieldsV1() != null && e.getFieldsV1().getAdditionalProperties() != null
                        && e.getFieldsV1().getAdditionalProperties().containsKey("f:spec"))
                .filter(e -> e.getManager() != null)
                .max(Comparator.comparing((ManagedFieldsEntry e) -> e.getTime() == null ? "" : e.getTime()))
                .map(ManagedFieldsEntry::getManager);
    }
}
