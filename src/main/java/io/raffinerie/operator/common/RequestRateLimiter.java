package io.raffinerie.operator.common;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Client-side rate limiting of the operator's API requests, like client-go's QPS and burst, for clusters whose API
 * server must be spared (RAFFINERIE_CLIENT_QPS, RAFFINERIE_CLIENT_BURST; off by default). A request over the rate
 * waits on its own thread; requests issued from the HTTP client's event loop (watch reconnections) are never made
 * to wait, since blocking that loop would stall every other request.
 */
public class RequestRateLimiter implements Interceptor {
    private final TokenBucket bucket;

    RequestRateLimiter(double qps, int burst) {
        this.bucket = new TokenBucket(qps, burst, System::nanoTime);
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        if (Thread.currentThread().getName().contains("eventloop")) {
            bucket.reserve();
            return;
        }
        Duration wait = bucket.reserve();
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A token bucket: {@code burst} requests at once, then one every 1/qps seconds. */
    static final class TokenBucket {
        private final long intervalNanos;
        private final long burstNanos;
        private final LongSupplier nanoTime;
        /** When the bucket would be full again, given the requests reserved so far. */
        private long fullAt;

        TokenBucket(double qps, int burst, LongSupplier nanoTime) {
            this.intervalNanos = (long) (1_000_000_000L / qps);
            this.burstNanos = intervalNanos * Math.max(1, burst);
            this.nanoTime = nanoTime;
            this.fullAt = nanoTime.getAsLong();
        }

        /** Takes a token and says how long to wait until it is valid. */
        synchronized Duration reserve() {
            long now = nanoTime.getAsLong();
            fullAt = Math.max(fullAt, now) + intervalNanos;
            long wait = fullAt - now - burstNanos;
            return wait > 0 ? Duration.ofNanos(wait) : Duration.ZERO;
        }
    }
}
