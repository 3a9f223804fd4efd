package io.raffinerie.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aBurstGoesAtOnceThenOneRequestPerIntervalAndIdleTimeRefills() {
        RequestRateLimiter.TokenBucket bucket = new RequestRateLimiter.TokenBucket(2, 3, now::get);
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(500));
        assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(1000));

        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(bucket.reserve()).as("ten idle seconds refill the bucket, no more than the burst").isZero();
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(500));
    }
}
