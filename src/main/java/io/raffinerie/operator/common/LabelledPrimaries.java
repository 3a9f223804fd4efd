package io.raffinerie.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.raffinerie.model.LabelValues;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Maps an object back to the primary resource its label names. A label holds the primary's name shortened when the
 * name is too long for a label value ({@link LabelValues}), so the label is looked up in an index of the controller's
 * primaries by the label value of their names, never taken for a name.
 */
public final class LabelledPrimaries {
    private static final String BY_LABEL_VALUE = "raffinerie-by-label-value";

    private LabelledPrimaries() {
    }

    /** Indexes the controller's primaries by the label value of their names; once per controller, before it starts. */
    public static <P extends HasMetadata> void index(EventSourceContext<P> context) {
        context.getPrimaryCache().addIndexer(BY_LABEL_VALUE,
                primary -> List.of(key(primary.getMetadata().getNamespace(), LabelValues.of(primary.getMetadata().getName()))));
    }

    /**
     * The primaries in {@code namespace} (null when cluster-scoped) that the label value stands for; when none is
     * cached, the one of that very name, as before names were shortened.
     */
    public static <P extends HasMetadata> Set<ResourceID> named(EventSourceContext<P> context, String namespace, String labelValue) {
        if (labelValue == null) {
            return Set.of();
        }
        Set<ResourceID> named = context.getPrimaryCache().byIndex(BY_LABEL_VALUE, key(namespace, labelValue)).stream()
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet());
        return named.isEmpty() ? Set.of(new ResourceID(labelValue, namespace)) : named;
    }

    private static String key(String namespace, String labelValue) {
        return (namespace == null ? "" : namespace) + "/" + labelValue;
    }
}
