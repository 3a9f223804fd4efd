package io.raffinerie.operator.environment;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.model.environment.AccessRoles;
import io.raffinerie.operator.common.Caches;
import io.raffinerie.operator.common.LeanItemStore;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The environment roles (ClusterRoles labelled app.kubernetes.io/component=environment-role) as the operator sees
 * them. A role appearing or going away reconciles the environments that bind it, so that their Ready condition
 * follows at once, without polling.
 */
final class EnvironmentRoles {
    private EnvironmentRoles() {
    }

    static InformerEventSource<ClusterRole, DataEnvironment> eventSource(EventSourceContext<DataEnvironment> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(ClusterRole.class, DataEnvironment.class)
                .withItemStore(new LeanItemStore<>())
                .withLabelSelector(AccessRoles.SELECTOR)
                .withSecondaryToPrimaryMapper(role -> context.getPrimaryCache().list()
                        .filter(environment -> AccessRoles.referenced(environment).contains(role.getMetadata().getName()))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .build(), context);
    }

    /** The names of the environment roles in the cache. */
    static Set<String> existing(Context<DataEnvironment> context) {
        return Caches.eventSource(context, ClusterRole.class).list()
                .map(role -> role.getMetadata().getName())
                .collect(Collectors.toSet());
    }
}
