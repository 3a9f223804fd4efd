package io.raffinerie.operator.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers reused for a while, so that pages cost no API request once a user's token and rights are known; bounded,
 * since every key comes from a request.
 */
final class TimedCache<K, V> {
    private record Entry<V>(V value, Instant expires) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;

    TimedCache(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** The cached answer, or {@code load}'s, kept when it is present. */
    Optional<V> get(K key, Function<K, Optional<V>> load) {
        Instant now = clock.instant();
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.expires().isAfter(now)) {
            return Optional.of(entry.value());
        }
        Optional<V> loaded = load.apply(key);
        if (loaded.isPresent()) {
            if (entries.size() >= maxEntries) {
                entries.entrySet().removeIf(e -> !e.getValue().expires().isAfter(now));
                if (entries.size() >= maxEntries) {
                    entries.clear();
                }
            }
            entries.put(key, new Entry<>(loaded.get(), now.plus(ttl)));
        }
        return loaded;
    }
}
