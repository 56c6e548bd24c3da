package io.cairn.bench.load;

import java.net.URI;

/**
 * A Eureka-compatible server under test: its base URL (the one ending in {@code /eureka/}) and, when it runs on this
 * machine, its process id (for CPU and memory figures; -1 if unknown).
 */
public record Target(String name, String host, int port, String basePath, long pid) {

    /** {@code http://127.0.0.1:8761/eureka/} becomes host 127.0.0.1, port 8761, base path {@code /eureka}. */
    public static Target of(String name, String baseUrl, long pid) {
        URI u = URI.create(baseUrl);
        String path = u.getPath() == null ? "" : u.getPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        int port = u.getPort() > 0 ? u.getPort() : 80;
        return new Target(name, u.getHost(), port, path, pid);
    }

    /** The path of {@code rest} under the base path: {@code path("apps/A")} is {@code /eureka/apps/A}. */
    public String path(String rest) {
        return basePath + "/" + rest;
    }

    public String baseUrl() {
        return "http://" + host + ":" + port + basePath + "/";
    }
}
