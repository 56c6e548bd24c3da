package io.cairn.bench.run;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --key value} and {@code --key=value} options; lists are comma-separated. */
public final class Args {
    private final Map<String, String> values = new LinkedHashMap<>();

    public Args(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String k = a.substring(2);
            int eq = k.indexOf('=');
            if (eq >= 0) {
                values.put(k.substring(0, eq), k.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(k, args[++i]);
            } else {
                values.put(k, "true");
            }
        }
    }

    public String get(String key, String dflt) {
        return values.getOrDefault(key, dflt);
    }

    public int getInt(String key, int dflt) {
        return values.containsKey(key) ? Integer.parseInt(values.get(key).replace("_", "")) : dflt;
    }

    public long getLong(String key, long dflt) {
        return values.containsKey(key) ? Long.parseLong(values.get(key).replace("_", "")) : dflt;
    }

    public double getDouble(String key, double dflt) {
        return values.containsKey(key) ? Double.parseDouble(values.get(key)) : dflt;
    }

    public boolean getBool(String key) {
        return Boolean.parseBoolean(values.getOrDefault(key, "false"));
    }

    public List<String> getList(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? List.of() : Arrays.stream(v.split(",")).map(String::trim).toList();
    }

    /** {@code --cairn-set k=v,k=v}: replaces the extra settings every Cairn node gets ("none" for none). */
    public void applyCairnSettings() {
        String v = values.get("cairn-set");
        if (v != null) {
            ServerProcess.cairnExtra = v.equals("none") ? List.of() : getList("cairn-set");
        }
    }

    /** The JVM flags for servers: {@code --jvm "-Xmx2g -XX:+UseG1GC"} (the default). */
    public List<String> jvmFlags() {
        return Arrays.stream(get("jvm", "-Xmx2g -XX:+UseG1GC").trim().split("\\s+")).toList();
    }
}
