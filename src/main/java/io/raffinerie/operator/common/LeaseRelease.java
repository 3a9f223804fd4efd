package io.raffinerie.operator.common;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Hands the lease over at once on a graceful shutdown, instead of letting the standby wait for it to expire: the
 * SDK builds its elector without release-on-cancel. Runs after the SDK stopped the controllers (its shutdown
 * observer has the default priority), so two leaders never reconcile at once.
 */
@ApplicationScoped
public class LeaseRelease {
    private static final Logger LOG = Logger.getLogger(LeaseRelease.class);

    private final KubernetesClient client;
    private final OperatorSettings settings;
    private final LeaseIdentity identity;
    private final Clock clock;

    LeaseRelease(KubernetesClient client, OperatorSettings settings, LeaseIdentity identity, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.identity = identity;
        this.clock = clock;
    }

    void onShutdown(@Observes @Priority(3500) ShutdownEvent event) {
        if (!settings.leaderElection().enabled()) {
            return;
        }
        // The SDK closed the shared client when it stopped; a short-lived one with the same configuration remains.
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(this.client.getConfiguration()).build()) {
            Lease lease = client.leases().inNamespace(settings.operatorNamespace()).withName(settings.leaseName()).get();
            if (lease == null || lease.getSpec() == null || !identity.value().equals(lease.getSpec().getHolderIdentity())) {
                return;
            }
            // An empty holder lets a candidate acquire at its next retry; the resourceVersion makes this a no-op
            // if the lease changed hands meanwhile.
            lease.getSpec().setHolderIdentity("");
            lease.getSpec().setLeaseDurationSeconds(1);
            lease.getSpec().setRenewTime(ZonedDateTime.now(clock).truncatedTo(ChronoUnit.MICROS));
            client.resource(lease).update();
            LOG.infof("Released the leader lease %s/%s", settings.operatorNamespace(), settings.leaseName());
        } catch (KubernetesClientException e) {
            LOG.warnf("Could not release the leader lease (the standby takes over when it expires): %s", e.getMessage());
        }
    }
}
