package io.raffinerie.model.environment;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.model.LabelValues;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Reasons;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The namespace of an environment: who may claim it, and how it is labelled. */
public final class NamespaceModel {
    /** Marks a namespace the operator created, which deletionPolicy Delete may remove. */
    public static final String CREATED_ANNOTATION = "raffinerie.io/created-by-operator";
    static final String POD_SECURITY = "pod-security.kubernetes.io/";

    private NamespaceModel() {
    }

    /** The namespace as the environment wants it. {@code existing} is the namespace as it is, or null. */
    public static Namespace desired(DataEnvironment environment, Namespace existing) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(EnvironmentModel.ENVIRONMENT_LABEL, LabelValues.of(environment.getMetadata().getName()));
        labels.put(EnvironmentModel.MANAGED_BY_LABEL, EnvironmentModel.MANAGED_BY);
        for (String mode : new String[] {"enforce", "audit", "warn"}) {
            labels.put(POD_SECURITY + mode, "restricted");
            labels.put(POD_SECURITY + mode + "-version", "latest");
        }
        NamespaceBuilder namespace = new NamespaceBuilder().withNewMetadata()
                .withName(EnvironmentModel.namespaceOf(environment))
                .withLabels(labels)
                .endMetadata();
        if (existing == null || createdByOperator(existing)) {
            namespace.editMetadata().addToAnnotations(CREATED_ANNOTATION, "true").endMetadata();
        }
        return namespace.build();
    }

    /** A problem when the namespace exists and belongs to someone else than this environment. */
    public static Optional<Problem> checkClaim(DataEnvironment environment, Namespace existing) {
        if (existing == null) {
            return Optional.empty();
        }
        String owner = existing.getMetadata().getLabels() == null ? null
                : existing.getMetadata().getLabels().get(EnvironmentModel.ENVIRONMENT_LABEL);
        String name = environment.getMetadata().getName();
        if (LabelValues.standsFor(owner, name)) {
            return Optional.empty();
        }
        String namespace = existing.getMetadata().getName();
        return Optional.of(new Problem(Reasons.NAMESPACE_CONFLICT, owner == null
                ? "namespace " + namespace + " already exists and belongs to no environment; label it "
                        + EnvironmentModel.ENVIRONMENT_LABEL + "=" + LabelValues.of(name) + " to let this environment adopt it"
                : "namespace " + namespace + " belongs to DataEnvironment " + owner));
    }

    public static boolean createdByOperator(Namespace namespace) {
        return namespace.getMetadata().getAnnotations() != null
                && "true".equals(namespace.getMetadata().getAnnotations().get(CREATED_ANNOTATION));
    }
}
