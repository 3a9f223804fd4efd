package io.raffinerie.operator.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.raffinerie.api.v1alpha1.Status;
import io.raffinerie.model.LogLines;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Status writes that happen only when the status changed. The status is computed on a copy, never on the cached
 * resource, and applied on a fresh object that carries nothing but the name, the version it was computed from, and
 * the status.
 */
public final class StatusPatch {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(StatusPatch.class);

    private StatusPatch() {
    }

    /** A deep copy of the current status to compute the next one on, or a new one. */
    @SuppressWarnings("unchecked")
    public static <S> S copyOf(S current, Supplier<S> empty) {
        return current == null ? empty.get() : (S) MAPPER.convertValue(current, current.getClass());
    }

    /** A status patch when {@code next} differs from the resource's status, else no update. */
    public static <S, P extends CustomResource<?, S>> UpdateControl<P> ifChanged(P resource, S next) {
        if (isUnchanged(resource, next)) {
            return UpdateControl.noUpdate();
        }
        logReadiness(resource, next);
        return UpdateControl.patchStatus(withStatus(resource, next));
    }

    /** The status to record after a failed reconciliation; JOSDK retries either way. */
    public static <S, P extends CustomResource<?, S>> ErrorStatusUpdateControl<P> errorStatus(P resource, S next) {
        if (isUnchanged(resource, next)) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        logReadiness(resource, next);
        return ErrorStatusUpdateControl.patchStatus(withStatus(resource, next));
    }

    /** One INFO line when the Ready condition the patch writes turns False, changes its reason, or turns True again. */
    private static <S> void logReadiness(CustomResource<?, S> resource, S next) {
        if (next instanceof Status status) {
            List<Condition> before = resource.getStatus() instanceof Status current ? current.conditions : null;
            LogLines.readinessChange(resource.getKind(), resource.getMetadata().getNamespace(), resource.getMetadata().getName(),
                    before, status.conditions).ifPresent(LOG::info);
        }
    }

    private static <S> boolean isUnchanged(CustomResource<?, S> resource, S next) {
        return MAPPER.valueToTree(next).equals(MAPPER.valueToTree(resource.getStatus()));
    }

    @SuppressWarnings("unchecked")
    static <S, P extends CustomResource<?, S>> P withStatus(P resource, S status) {
        try {
            P patch = (P) resource.getClass().getDeclaredConstructor().newInstance();
            patch.setMetadata(new ObjectMetaBuilder()
                    .withName(resource.getMetadata().getName())
                    .withNamespace(resource.getMetadata().getNamespace())
                    // The status was computed from this version: if the resource changed since (a cancel, an edit),
                    // the write fails with a conflict and the reconciliation runs again on the new version.
                    .withResourceVersion(resource.getMetadata().getResourceVersion())
                    .build());
            patch.setStatus(status);
            return patch;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("custom resource classes have a public no-argument constructor", e);
        }
    }
}
