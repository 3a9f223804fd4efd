package io.raffinerie.operator.common;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the mutating requests the operator sends to the API server, as the metric
 * raffinerie_api_writes_total{verb,resource}: the measure of "zero writes for converged resources".
 */
@ApplicationScoped
public class ApiWriteCounter implements Interceptor {
    private static final Logger LOG = Logger.getLogger(ApiWriteCounter.class);
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** Prometheus's own: the global registry drops what is counted before Quarkus attaches it (a cold start's writes). */
    private final PrometheusMeterRegistry registry;
    private final AtomicLong total = new AtomicLong();

    public ApiWriteCounter(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        if (!MUTATING.contains(request.method())) {
            return;
        }
        total.incrementAndGet();
        LOG.debugf("%s %s", request.method(), request.uri().getPath());
        Counter.builder("raffinerie.api.writes")
                .description("Mutating requests the operator sent to the Kubernetes API")
                .tag("verb", request.method().toLowerCase())
                .tag("resource", resourceOf(request.uri().getPath()))
                .register(registry)
                .increment();
    }

    /** Every mutating request sent so far. */
    public long total() {
        return total.get();
    }

    /**
     * The resource type of an API path, such as dataruns/status, without names, so that the label stays bounded:
     * /api/v1/namespaces/x/configmaps/y → configmaps; /apis/g/v/namespaces/x/dataruns/y/status → dataruns/status.
     */
    static String resourceOf(String path) {
        List<String> parts = List.of(path.replaceFirst("^/", "").split("/"));
        List<String> rest = parts.subList(Math.min(parts.size(), "api".equals(parts.get(0)) ? 2 : 3), parts.size());
        if (rest.size() >= 3 && "namespaces".equals(rest.get(0))) {
            rest = rest.subList(2, rest.size());
        }
        if (rest.isEmpty()) {
            return "unknown";
        }
        return rest.size() >= 3 ? rest.get(0) + "/" + rest.get(2) : rest.get(0);
    }
}
