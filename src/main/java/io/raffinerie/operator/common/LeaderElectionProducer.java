package io.raffinerie.operator.common;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;

/**
 * Lease leader election, when raffinerie.leader-election.enabled is true (the Helm chart turns it on): of several
 * replicas only the leader reconciles, and another takes over within the lease duration when it dies.
 */
@ApplicationScoped
public class LeaderElectionProducer {
    static final Duration LEASE_DURATION = Duration.ofSeconds(15);
    static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);
    static final Duration RETRY_PERIOD = Duration.ofSeconds(2);

    /** Null, which the operator SDK reads as "no leader election", unless it is enabled. */
    @Produces
    @Dependent
    LeaderElectionConfiguration leaderElection(OperatorSettings settings, LeaseIdentity identity) {
        if (!settings.leaderElection().enabled()) {
            return null;
        }
        return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(settings.leaseName())
                .withLeaseNamespace(settings.operatorNamespace())
                .withIdentity(identity.value())
                .withLeaseDuration(LEASE_DURATION)
                .withRenewDeadline(RENEW_DEADLINE)
                .withRetryPeriod(RETRY_PERIOD)
                .build();
    }
}
