package io.cairn.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable map that keeps its entries in insertion order in two arrays: a fraction of a LinkedHashMap's memory
 * for the few metadata entries an instance has, which matters with a million instances in one registry.
 */
final class CompactMap extends AbstractMap<String, String> {
    private final String[] keys;
    private final String[] values;

    private CompactMap(String[] keys, String[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** An immutable, insertion-ordered copy of {@code m}; the empty map for an empty or null one. */
    static Map<String, String> copyOf(Map<String, String> m) {
        if (m == null || m.isEmpty()) {
            return Map.of();
        }
        if (m instanceof CompactMap) {
            return m;
        }
        String[] k = new String[m.size()];
        String[] v = new String[m.size()];
        int i = 0;
        for (Map.Entry<String, String> e : m.entrySet()) {
            k[i] = e.getKey();
            v[i] = e.getValue();
            i++;
        }
        return new CompactMap(k, v);
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public String get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    private int indexOf(Object key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return keys.length;
            }

            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < keys.length;
                    }

                    @Override
                    public Map.Entry<String, String> next() {
                        if (i >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<String, String> e = new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
                        i++;
                        return e;
                    }
                };
            }
        };
    }
}
