package io.raffinerie.operator.common;

import io.raffinerie.model.environment.SecretReaderBinding;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Operator settings, from application.properties or RAFFINERIE_* environment variables. */
@ConfigMapping(prefix = "raffinerie")
public interface OperatorSettings {
    /** The namespace the operator runs in; no environment may claim it. */
    @WithDefault("raffinerie-system")
    String operatorNamespace();

    /**
     * The operator's ServiceAccount in {@link #operatorNamespace()} (RAFFINERIE_SERVICE_ACCOUNT; the chart sets it
     * from the pod's spec.serviceAccountName). Each environment binds it to raffinerie-secret-reader in its namespace,
     * the only Secrets it may read. Unset (a kubeconfig's user, as with `make run`): no binding is made.
     */
    Optional<String> serviceAccount();

    /** The operator's ServiceAccount, when it runs as one. */
    default Optional<SecretReaderBinding.OperatorAccount> operatorAccount() {
        return SecretReaderBinding.OperatorAccount.of(operatorNamespace(), serviceAccount());
    }

    /**
     * Whether this process reconciles (RAFFINERIE_RECONCILE). The chart's dashboard Deployment runs the same image
     * with this off (the Quarkus profile {@code dashboard}), so that its ServiceAccount needs none of the operator's
     * rights and the operator's needs no impersonation.
     */
    @WithDefault("true")
    boolean reconcile();

    LeaderElection leaderElection();

    /** Lease leader election between replicas (RAFFINERIE_LEADER_ELECTION_ENABLED). */
    interface LeaderElection {
        @WithDefault("false")
        boolean enabled();
    }

    /** The Lease replicas compete for when leader election is on. */
    @WithDefault("raffinerie-operator")
    String leaseName();

    Alerts alerts();

    Runs runs();

    /** Runs (RAFFINERIE_RUNS_*). */
    interface Runs {
        /**
         * How long a run that cannot start (what it names is missing or invalid, a parameter is undeclared) waits
         * before it fails: GitOps tools apply a run and what it names in any order.
         */
        @WithDefault("30s")
        Duration startGrace();
    }

    Archive archive();

    /**
     * The run archive (RAFFINERIE_ARCHIVE_*; the chart's archive.*): finished runs are written to PostgreSQL, and a
     * run leaves its job's or pipeline's history only once it is written. Off by default: nothing else needs it.
     */
    interface Archive {
        @WithDefault("false")
        boolean enabled();

        /** How long a run whose write failed (the database is down) waits before it is written again. */
        @WithDefault("15s")
        Duration retryAfter();
    }

    Client client();

    /** Client-side rate limiting of the operator's API requests (RAFFINERIE_CLIENT_QPS, RAFFINERIE_CLIENT_BURST). */
    interface Client {
        /** Requests per second; 0 turns the limiter off. */
        @WithDefault("0")
        double qps();

        /** Requests allowed at once above the rate. */
        @WithDefault("10")
        int burst();
    }

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

        /**
         * CIDRs webhooks may reach although they are loopback, link-local or private addresses (the chart's
         * alerts.allowedDestinations; RAFFINERIE_ALERTS_ALLOWED_DESTINATIONS, comma-separated). See WebhookDestinations.
         */
        Optional<List<String>> allowedDestinations();

        /** More CIDRs webhooks may not reach: the cluster's service and pod ranges when they are public addresses. */
        Optional<List<String>> deniedDestinations();
    }

    Dashboard dashboard();

    /** The web dashboard on the HTTP port (RAFFINERIE_DASHBOARD_*). */
    interface Dashboard {
        /** The chart's dashboard.enabled; off, every dashboard path answers 404 and no cache is kept for it. */
        @WithDefault("true")
        boolean enabled();

        /** How long a token's review and a user's access reviews are reused before being asked again. */
        @WithDefault("30s")
        Duration reviewTtl();

        /** Cookies with the Secure attribute: on when the dashboard is reached over HTTPS (an ingress). */
        @WithDefault("false")
        boolean secureCookies();

        /**
         * The key that seals session cookies (RAFFINERIE_DASHBOARD_SESSION_KEY, from the chart's Secret): every
         * replica must have the same one. None: a random key per process, so sessions end when it restarts.
         */
        Optional<String> sessionKey();

        /** How long a sign-in lasts (the sealed cookie's lifetime), unless the token expires first. */
        @WithDefault("8h")
        Duration sessionLifetime();

        /**
         * Groups the dashboard never acts for, besides system:masters (always refused); a trailing * is a prefix
         * (RAFFINERIE_DASHBOARD_REFUSED_GROUPS, the chart's dashboard.refusedGroups).
         */
        @WithDefault("system:masters,system:nodes")
        List<String> refusedGroups();

        /**
         * Users the dashboard never acts for, besides the ServiceAccounts of the operator's namespace (always refused)
         * (RAFFINERIE_DASHBOARD_REFUSED_USERS, the chart's dashboard.refusedUsers).
         */
        @WithDefault("system:admin,system:anonymous,system:apiserver,system:kube-controller-manager,system:kube-scheduler,"
                + "system:kube-proxy,system:node:*,system:serviceaccount:kube-system:*")
        List<String> refusedUsers();

        ProxyAuth proxyAuth();

        /**
         * Identity from an authenticating proxy's headers instead of a token, believed only from a request that
         * carries the proxy's shared secret in {@link #secretHeader()} (docs/dashboard-security.md).
         */
        interface ProxyAuth {
            @WithDefault("false")
            boolean enabled();

            @WithDefault("X-Remote-User")
            String userHeader();

            @WithDefault("X-Remote-Group")
            String groupHeader();

            /** The header in which the proxy sends the shared secret. */
            @WithDefault("X-Raffinerie-Proxy-Secret")
            String secretHeader();

            /**
             * The shared secret (RAFFINERIE_DASHBOARD_PROXY_AUTH_SECRET, from a Secret). Proxy sign-in on without
             * it: every request with identity headers is refused.
             */
            Optional<String> secret();
        }
    }
}
