package io.cairn.server.cache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.zip.GZIPOutputStream;

/** One serialized registry document at one registry index; its gzip form is made once, when first asked for. */
public final class Payload {
    private final long index;
    private final long regionsGeneration;
    private final byte[] bytes;
    private CompletableFuture<byte[]> gzipped;

    Payload(long index, long regionsGeneration, byte[] bytes) {
        this.index = index;
        this.regionsGeneration = regionsGeneration;
        this.bytes = bytes;
    }

    /** The registry index this document reflects. */
    public long index() {
        return index;
    }

    /** The remote regions' generation this document reflects. */
    long regionsGeneration() {
        return regionsGeneration;
    }

    /** The document, not to be modified. */
    public byte[] bytes() {
        return bytes;
    }

    /** The gzip-compressed document, computed on {@code executor} the first time. */
    public synchronized CompletableFuture<byte[]> gzipped(Executor executor) {
        if (gzipped == null) {
            gzipped = CompletableFuture.supplyAsync(() -> gzip(bytes), executor);
        }
        return gzipped;
    }

    /** Compresses {@code bytes} with gzip. */
    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 8));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
