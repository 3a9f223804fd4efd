package io.raffinerie.operator.common;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The last keys seen, a bounded number of them: tells whether a transition is seen for the first time, even when its
 * status write conflicted and the reconciliation computes it again.
 */
public final class RecentKeys {
    private final Cache<String, Boolean> seen;

    public RecentKeys(int capacity) {
        seen = Caffeine.newBuilder().maximumSize(capacity).build();
    }

    /** True the first time the key is seen (or once it has been forgotten). */
    public boolean firstTime(String key) {
        return seen.asMap().putIfAbsent(key, Boolean.TRUE) == null;
    }

    /** Forgets the key: it is seen for the first time again (what it stood for did not happen after all). */
    public void forget(String key) {
        seen.invalidate(key);
    }
}
