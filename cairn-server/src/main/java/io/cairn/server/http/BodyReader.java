package io.cairn.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads a request body without letting it take more than the configured number of bytes, before or after gzip
 * decompression; an oversized body is answered 413 and its connection closed without reading the rest.
 */
final class BodyReader {
    private final int maxBytes;
    private final long timeoutMs;

    /** @param timeoutMs a body that has not fully arrived after this long is answered 408 and its connection closed */
    BodyReader(int maxBytes, long timeoutMs) {
        this.maxBytes = maxBytes;
        this.timeoutMs = timeoutMs;
    }

    /** Reads the whole body, inflates it if gzip-encoded, and hands it to {@code then} on the event loop. */
    void read(HttpServerRequest req, Replies replies, Consumer<byte[]> then) {
        String length = req.getHeader("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                replies.errorAndClose(req, 400, "invalid Content-Length");
                return;
            }
            if (declared > maxBytes) {
                replies.errorAndClose(req, 413, "request body larger than " + maxBytes + " bytes");
                return;
            }
        }
        Buffer body = Buffer.buffer();
        boolean[] failed = {false};
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.currentContext().owner();
        long timer = vertx.setTimer(timeoutMs, id -> {
            if (!failed[0] && !req.isEnded()) {
                failed[0] = true;
                replies.errorAndClose(req, 408, "request body not received within " + timeoutMs + " ms");
            }
        });
        req.handler(chunk -> {
            if (failed[0]) {
                return;
            }
            if (body.length() + chunk.length() > maxBytes) {
                failed[0] = true;
                replies.errorAndClose(req, 413, "request body larger than " + maxBytes + " bytes");
                return;
            }
            body.appendBuffer(chunk);
        });
        req.exceptionHandler(e -> failed[0] = true);
        req.endHandler(v -> {
            vertx.cancelTimer(timer);
            if (failed[0]) {
                return;
            }
            byte[] bytes = body.getBytes();
            String encoding = req.getHeader("Content-Encoding");
            if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip")) {
                try {
                    bytes = gunzip(bytes);
                } catch (HttpError e) {
                    replies.error(req, e.status(), e.getMessage());
                    return;
                }
            }
            then.accept(bytes);
        });
    }

    private byte[] gunzip(byte[] bytes) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, bytes.length * 4 + 64));
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > maxBytes) {
                    throw new HttpError(413, "decompressed request body larger than " + maxBytes + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new HttpError(400, "request body is not valid gzip");
        }
    }
}
