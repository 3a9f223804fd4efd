package io.raffinerie.operator.common;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
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

    @Produces
    @Singleton
    @LookupIfProperty(name = "raffinerie.leader-election.enabled", stringValue = "true")
    LeaderElectionConfiguration leaderElection(OperatorSettings settings) {
        return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(settings.leaseName())
                .withLeaseNamespace(settings.operatorNamespace())
                .withLeaseDuration(LEASE_DURATION)
                .withRenewDeadline(RENEW_DEADLINE)
                .withRetryPeriod(RETRY_PERIOD)
                .build();
    }
}
