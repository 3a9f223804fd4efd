package io.raffinerie.operator.common;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * This process's name in the leader-election Lease. The host name alone (the SDK's default) is not enough: two
 * processes on one machine would both believe they hold the lease, so a random suffix makes it unique per start.
 */
@ApplicationScoped
public class LeaseIdentity {
    private final String value = hostName() + "_" + UUID.randomUUID().toString().substring(0, 8);

    public String value() {
        return value;
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME"); // the pod name in Kubernetes
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "raffinerie";
        }
    }
}
