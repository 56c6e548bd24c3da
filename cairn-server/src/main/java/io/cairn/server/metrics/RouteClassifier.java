package io.cairn.server.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Names the route a request path belongs to ({@code /eureka/apps/{app}/{id}}), so that request metrics have one time
 * series per endpoint rather than one per application or instance.
 */
public final class RouteClassifier {
    private static final Set<String> RESOURCES = Set.of("apps", "instances", "vips", "svips", "peerreplication", "asg",
            "status", "serverinfo", "watch", "events", "peers");
    private static final Set<String> OPS = Set.of("/", "/metrics", "/health", "/ready", "/info", "/prometheus/targets",
            "/favicon.ico", "/admin/session");

    private final String basePath;

    /** @param basePath the Eureka base path as configured ({@code /eureka}, or empty) */
    public RouteClassifier(String basePath) {
        this.basePath = basePath;
    }

    /** The route template of {@code path}; {@code other} for anything no endpoint answers. */
    public String route(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        if (OPS.contains(path)) {
            return path;
        }
        if (path.startsWith("/dashboard/")) {
            return "/dashboard/{asset}";
        }
        if (path.startsWith("/admin/apps/")) {
            return admin(segments(path.substring("/admin".length())));
        }
        if (path.startsWith(basePath) && (path.length() == basePath.length() || path.charAt(basePath.length()) == '/')) {
            String eureka = eureka(segments(path.substring(basePath.length())));
            if (eureka != null) {
                return basePath + eureka;
            }
        }
        return "other";
    }

    private static List<String> segments(String rest) {
        List<String> out = new ArrayList<>();
        for (String s : rest.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        // A version segment (/eureka/v2/apps) is dropped, as the API itself does.
        if (out.size() > 1 && !RESOURCES.contains(out.get(0)) && RESOURCES.contains(out.get(1))) {
            out.remove(0);
        }
        return out;
    }

    private static String admin(List<String> s) {
        if (s.size() == 3) {
            return "/admin/apps/{app}/{id}";
        }
        if (s.size() == 4 && s.get(3).equals("status")) {
            return "/admin/apps/{app}/{id}/status";
        }
        return "other";
    }

    private static String eureka(List<String> s) {
        if (s.isEmpty() || !RESOURCES.contains(s.get(0))) {
            return null;
        }
        String resource = s.get(0);
        int n = s.size();
        return switch (resource) {
            case "apps" -> switch (n) {
                case 1 -> "/apps";
                case 2 -> s.get(1).equals("delta") ? "/apps/delta" : "/apps/{app}";
                case 3 -> "/apps/{app}/{id}";
                case 4 -> s.get(3).equals("status") || s.get(3).equals("metadata")
                        ? "/apps/{app}/{id}/" + s.get(3) : null;
                default -> null;
            };
            case "instances" -> n == 2 ? "/instances/{id}" : null;
            case "vips", "svips" -> n == 2 ? "/" + resource + "/{vip}" : null;
            case "peerreplication" -> n == 2 && (s.get(1).equals("batch") || s.get(1).equals("renewals"))
                    ? "/peerreplication/" + s.get(1) : null;
            case "asg" -> n == 3 && s.get(2).equals("status") ? "/asg/{asg}/status" : null;
            case "serverinfo" -> n == 2 && s.get(1).equals("statusoverrides") ? "/serverinfo/statusoverrides" : null;
            default -> n == 1 ? "/" + resource : null;
        };
    }
}
