package io.cairn.examples;

/** Where the examples find the registry, and other settings from the environment. */
final class Settings {
    private Settings() {
    }

    /** {@code $CAIRN_URL}, or a Cairn (or Eureka) server on this machine's port 8761. */
    static String serviceUrl() {
        return env("CAIRN_URL", "http://localhost:8761/eureka/");
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
