package io.cairn.model;

/**
 * Keeps an instance's page URLs small: nearly every one reads {@code http://{host}:{port}/some/path}, and held as
 * written that is three strings per instance that differ only by the host. Such a URL is kept as a marker, which of
 * the instance's own addresses it starts with, and its path, the path being interned (it is the same for every
 * instance of a framework: {@code /actuator/health}); the URL is put back together when read.
 */
final class InstanceUrls {
    /** Starts every compacted form; no URL a client sends can start with it, and one that does is escaped. */
    private static final char MARK = '\u0001';
    private static final char LITERAL = '0';
    private static final char HTTP_HOST = '1';
    private static final char HTTP_IP = '2';
    private static final char HTTPS_HOST = '3';
    private static final char HTTPS_IP = '4';

    private InstanceUrls() {
    }

    static String compact(String url, String host, String ip, int port, int securePort) {
        if (url == null || url.isEmpty()) {
            return url;
        }
        if (url.charAt(0) == MARK) {
            return MARK + String.valueOf(LITERAL) + url;
        }
        if (url.startsWith("http://")) {
            String rest = after(url, 7, host, port);
            if (rest != null) {
                return (MARK + String.valueOf(HTTP_HOST) + rest).intern();
            }
            rest = after(url, 7, ip, port);
            if (rest != null) {
                return (MARK + String.valueOf(HTTP_IP) + rest).intern();
            }
        } else if (url.startsWith("https://")) {
            String rest = after(url, 8, host, securePort);
            if (rest != null) {
                return (MARK + String.valueOf(HTTPS_HOST) + rest).intern();
            }
            rest = after(url, 8, ip, securePort);
            if (rest != null) {
                return (MARK + String.valueOf(HTTPS_IP) + rest).intern();
            }
        }
        return url;
    }

    /** What follows {@code address:port} at {@code from} in {@code url}, if the URL continues with a path there. */
    private static String after(String url, int from, String address, int port) {
        if (address == null || address.isEmpty() || !url.startsWith(address, from)) {
            return null;
        }
        int at = from + address.length();
        if (at >= url.length() || url.charAt(at) != ':') {
            return null;
        }
        String p = Integer.toString(port);
        if (!url.startsWith(p, at + 1)) {
            return null;
        }
        int end = at + 1 + p.length();
        return end == url.length() || url.charAt(end) == '/' ? url.substring(end) : null;
    }

    static String expand(String stored, String host, String ip, int port, int securePort) {
        if (stored == null || stored.isEmpty() || stored.charAt(0) != MARK) {
            return stored;
        }
        String rest = stored.substring(2);
        return switch (stored.charAt(1)) {
            case HTTP_HOST -> "http://" + host + ':' + port + rest;
            case HTTP_IP -> "http://" + ip + ':' + port + rest;
            case HTTPS_HOST -> "https://" + host + ':' + securePort + rest;
            case HTTPS_IP -> "https://" + ip + ':' + securePort + rest;
            default -> rest;
        };
    }
}
