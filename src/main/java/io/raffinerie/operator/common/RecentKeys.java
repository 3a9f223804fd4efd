package io.raffinerie.operator.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The last keys seen, a bounded number of them: tells whether a transition is seen for the first time, even when its
 * status write conflicted and the reconciliation computes it again.
 */
public final class RecentKeys {
    private final Set<String> seen;

    public RecentKeys(int capacity) {
        seen = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        }));
    }

    /** True the first time the key is seen (or once it has been forgotten). */
    public boolean firstTime(String key) {
        return seen.add(key);
    }
}
