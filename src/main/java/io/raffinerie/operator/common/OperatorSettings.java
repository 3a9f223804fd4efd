package io.raffinerie.operator.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Operator settings, from application.properties or RAFFINERIE_* environment variables. */
@ConfigMapping(prefix = "raffinerie")
public interface OperatorSettings {
    /** The namespace the operator runs in; no environment may claim it. */
    @WithDefault("raffinerie-system")
    String operatorNamespace();

    LeaderElection leaderElection();

    /** Lease leader election between replicas (RAFFINERIE_LEADER_ELECTION_ENABLED). */
    interface LeaderElection {
        @WithDefault("false")
        boolean enabled();
    }

    /** The Lease replicas compete for when leader election is on. */
    @WithDefault("raffinerie-operator")
    String leaseName();

    /**
     * Technology catalog overrides, as JSON: {"python": {"defaultVersion": "3.12", "images": {"3.12": "registry/python:3.12"}}}.
     */
    @WithDefault("{}")
    String technologies();

    Alerts alerts();

    /** Delivery of alert webhooks (RAFFINERIE_ALERTS_*): never slows reconciliation, always ends. */
    interface Alerts {
        /** How long one attempt may take, connection included. */
        @WithDefault("5s")
        Duration requestTimeout();

        /** The wait before the first retry; it doubles for each next one. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Attempts per delivery, the first included. */
        @WithDefault("5")
        int maxAttempts();

        /** No attempt starts later than this after the first. */
        @WithDefault("2m")
        Duration maxTotal();

        /** Threads that send webhooks. */
        @WithDefault("2")
        int threads();

        /** Deliveries waiting or in flight beyond which new ones fail at once, so that memory stays bounded. */
        @WithDefault("1000")
        int maxPending();
    }
}
