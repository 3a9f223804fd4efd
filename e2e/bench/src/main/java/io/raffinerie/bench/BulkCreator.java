package io.raffinerie.bench;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Creates many objects with a few threads: the API server here shares two cores with everything else, so more threads
 * only queue. Conflicts (already there, from an earlier attempt) count as done; other failures are retried.
 */
final class BulkCreator implements AutoCloseable {
    private final ExecutorService pool;

    BulkCreator(int threads) {
        pool = Executors.newFixedThreadPool(threads);
    }

    void createAll(List<Runnable> creations) {
        List<Future<?>> futures = new ArrayList<>();
        for (Runnable creation : creations) {
            futures.add(pool.submit(() -> withRetries(creation)));
        }
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a creation failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void withRetries(Runnable creation) {
        for (int attempt = 1; ; attempt++) {
            try {
                creation.run();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409) {
                    return;
                }
                if (attempt >= 6) {
                    throw e;
                }
                sleep(200L * attempt);
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
