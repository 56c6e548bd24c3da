package io.cairn.model.codec;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares one String for the values that repeat across instances (application names, VIP addresses, metadata
 * values such as zones and ports), so that a registry of a million instances does not hold a million copies. Bounded:
 * once full it stops remembering and hands strings back unchanged.
 */
final class StringPool {
    private static final int MAX_LENGTH = 64;
    private final int capacity;
    private final ConcurrentHashMap<String, String> pool = new ConcurrentHashMap<>();

    StringPool(int capacity) {
        this.capacity = capacity;
    }

    String share(String s) {
        if (s == null || s.length() > MAX_LENGTH) {
            return s;
        }
        String shared = pool.get(s);
        if (shared != null) {
            return shared;
        }
        if (pool.size() >= capacity) {
            return s;
        }
        shared = pool.putIfAbsent(s, s);
        return shared == null ? s : shared;
    }
}
