package io.raffinerie.model.environment;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import java.util.TreeSet;

/**
 * Where the API server really listens, from the EndpointSlice of the kubernetes Service in the default namespace:
 * its addresses (as /32 or /128 CIDRs) and ports. Spark pods may reach these and nothing else.
 */
public record ApiServerEndpoints(List<String> cidrs, List<Integer> ports) {
    /** The namespace and name of the kubernetes Service's EndpointSlice, which the API server maintains. */
    public static final String NAMESPACE = "default";
    public static final String SLICE = "kubernetes";

    public static final ApiServerEndpoints UNKNOWN = new ApiServerEndpoints(List.of(), List.of());

    public static ApiServerEndpoints of(EndpointSlice slice) {
        if (slice == null || slice.getEndpoints() == null || slice.getPorts() == null) {
            return UNKNOWN;
        }
        TreeSet<String> cidrs = new TreeSet<>();
        for (Endpoint endpoint : slice.getEndpoints()) {
            if (endpoint.getAddresses() != null) {
                endpoint.getAddresses().forEach(a -> cidrs.add(a + (a.contains(":") ? "/128" : "/32")));
            }
        }
        TreeSet<Integer> ports = new TreeSet<>();
        for (EndpointPort port : slice.getPorts()) {
            if (port.getPort() != null && (port.getProtocol() == null || "TCP".equals(port.getProtocol()))) {
                ports.add(port.getPort());
            }
        }
        return cidrs.isEmpty() || ports.isEmpty() ? UNKNOWN : new ApiServerEndpoints(List.copyOf(cidrs), List.copyOf(ports));
    }

    public boolean isEmpty() {
        return cidrs.isEmpty();
    }
}
