package io.raffinerie.operator.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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
}
