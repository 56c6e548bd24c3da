package io.cairn.server.dashboard;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's static files, read from the jar once at start and served from memory. The page links every asset
 * with its content hash ({@code app.js?v=1a2b3c4d}), so assets may be cached for good while the page itself is
 * revalidated on every load; ETags make that revalidation cheap.
 */
public final class DashboardAssets {
    private static final List<String> ASSETS = List.of("style.css", "app.js", "favicon.svg");
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private record Asset(byte[] body, String contentType, String hash) {
    }

    private final Map<String, Asset> assets = new HashMap<>();
    private final Asset page;

    /**
     * @param basePath the Eureka base path, written into the page so that its script finds the API
     * @param version  shown in the page's footer
     */
    public DashboardAssets(String basePath, String version) {
        String html = new String(read("index.html"), StandardCharsets.UTF_8);
        for (String name : ASSETS) {
            byte[] body = read(name);
            Asset a = new Asset(body, contentType(name), hash(body));
            assets.put(name, a);
            html = html.replace("{{" + name + "}}", "/dashboard/" + name + "?v=" + a.hash());
        }
        html = html.replace("{{basePath}}", escape(basePath)).replace("{{version}}", escape(version));
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        this.page = new Asset(body, "text/html; charset=utf-8", hash(body));
    }

    /** Whether {@code path} is the page or one of its assets. */
    public boolean serves(String path) {
        return path.isEmpty() || path.equals("/") || path.equals("/index.html") || path.equals("/favicon.ico")
                || path.startsWith("/dashboard/");
    }

    /** Answers a GET or HEAD for the page or an asset; 404 for an unknown asset. */
    public void serve(HttpServerRequest req) {
        String path = req.path();
        HttpServerResponse r = req.response();
        if (path.isEmpty() || path.equals("/") || path.equals("/index.html")) {
            r.putHeader("Content-Security-Policy", CSP);
            r.putHeader("Referrer-Policy", "no-referrer");
            r.putHeader("X-Frame-Options", "DENY");
            send(req, page, "no-cache");
            return;
        }
        String name = path.equals("/favicon.ico") ? "favicon.svg"
                : path.startsWith("/dashboard/") ? path.substring("/dashboard/".length()) : null;
        Asset a = name == null ? null : assets.get(name);
        if (a == null) {
            r.setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").end("no such asset\n");
            return;
        }
        // Only a link carrying the current hash may be kept for good; any other may change with the next version.
        boolean versioned = a.hash().equals(req.getParam("v"));
        send(req, a, versioned ? "public, max-age=31536000, immutable" : "no-cache");
    }

    private static void send(HttpServerRequest req, Asset a, String cacheControl) {
        HttpServerResponse r = req.response();
        String etag = "\"" + a.hash() + "\"";
        r.putHeader("Cache-Control", cacheControl);
        r.putHeader("ETag", etag);
        r.putHeader("X-Content-Type-Options", "nosniff");
        if (etag.equals(req.getHeader("If-None-Match"))) {
            r.setStatusCode(304).end();
            return;
        }
        r.putHeader("Content-Type", a.contentType());
        r.end(Buffer.buffer(a.body()));
    }

    private static byte[] read(String name) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream("/dashboard/" + name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard resource missing from the jar: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentType(String name) {
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        return "application/octet-stream";
    }

    private static String hash(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
