package io.cairn.server.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * One serialized registry document at one registry index. A small document is kept as it is and compressed once,
 * when first asked for; a large one (a full registry) is compressed as it is written and kept compressed, a tenth of
 * its size. For the rare clients that do not take gzip, a plain copy is inflated when asked for and dropped again once
 * nobody has read it for a while; a document too large for even that is inflated on the way out.
 */
public final class Payload {
    /** Documents larger than this are kept compressed only. */
    static final int KEEP_PLAIN_UP_TO = 256 * 1024;

    /** What writes a document. */
    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private final long index;
    private final long regionsGeneration;
    private final long renewals;
    private final long builtAt;
    private final byte[] plain;
    private final long plainLength;
    private CompletableFuture<byte[]> gzipped;
    private CompletableFuture<byte[]> plainCopy;
    private volatile long plainCopyReadAt;

    private Payload(long index, long regionsGeneration, long renewals, long builtAt, byte[] plain, long plainLength,
                    byte[] gzipped) {
        this.index = index;
        this.regionsGeneration = regionsGeneration;
        this.renewals = renewals;
        this.builtAt = builtAt;
        this.plain = plain;
        this.plainLength = plainLength;
        this.gzipped = gzipped == null ? null : CompletableFuture.completedFuture(gzipped);
    }

    /**
     * Writes a document: kept plain while it stays small, else switched to gzip on the fly and kept compressed.
     *
     * @param renewals the registry's heartbeat count when the document's snapshot was taken
     * @param builtAt  when it was taken
     */
    static Payload write(long index, long regionsGeneration, long renewals, long builtAt, Writer writer) {
        Spill out = new Spill();
        try (out) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.gzip == null
                ? new Payload(index, regionsGeneration, renewals, builtAt, out.buffer.toByteArray(), out.count, null)
                : new Payload(index, regionsGeneration, renewals, builtAt, null, out.count,
                        out.compressed.toByteArray());
    }

    /** The registry index this document reflects. */
    public long index() {
        return index;
    }

    long renewals() {
        return renewals;
    }

    long builtAt() {
        return builtAt;
    }

    /** The remote regions' generation this document reflects. */
    long regionsGeneration() {
        return regionsGeneration;
    }

    /** Whether the document is held uncompressed ({@link #plain()}), else it is read with {@link #openPlain()}. */
    public boolean isPlain() {
        return plain != null;
    }

    /** The uncompressed document, not to be modified; only when {@link #isPlain()}. */
    public byte[] plain() {
        if (plain == null) {
            throw new IllegalStateException("a large document is kept compressed only");
        }
        return plain;
    }

    /** The uncompressed length. */
    public long plainLength() {
        return plainLength;
    }

    /** The uncompressed document as a stream (inflated as it is read when kept compressed). */
    public InputStream openPlain() {
        if (plain != null) {
            return new ByteArrayInputStream(plain);
        }
        try {
            return new GZIPInputStream(new ByteArrayInputStream(gzipped.join()), 64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The plain form of the document: at once when it is held plain, else inflated on {@code executor} when first
     * asked for and kept until {@link #dropIdlePlainCopy} finds it unread; null when it is too large to copy (stream it
     * instead).
     */
    public CompletableFuture<byte[]> plainCopy(Executor executor, long now, long maxCopyBytes) {
        if (plain != null) {
            // Final, so read without the monitor: small documents are the common case of every plain read.
            return CompletableFuture.completedFuture(plain);
        }
        return inflatedCopy(executor, now, maxCopyBytes);
    }

    private synchronized CompletableFuture<byte[]> inflatedCopy(Executor executor, long now, long maxCopyBytes) {
        if (plainLength > maxCopyBytes) {
            return null;
        }
        plainCopyReadAt = now;
        if (plainCopy == null) {
            plainCopy = CompletableFuture.supplyAsync(() -> {
                try (InputStream in = openPlain()) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, executor);
        }
        return plainCopy;
    }

    /** Forgets the plain copy of a large document if nobody asked for it since {@code idleSince}. */
    synchronized void dropIdlePlainCopy(long idleSince) {
        if (plainCopy != null && plainCopy.isDone() && plainCopyReadAt < idleSince) {
            plainCopy = null;
        }
    }

    /** The gzip-compressed document, computed on {@code executor} the first time. */
    public synchronized CompletableFuture<byte[]> gzipped(Executor executor) {
        if (gzipped == null) {
            byte[] p = plain;
            gzipped = CompletableFuture.supplyAsync(() -> gzip(p), executor);
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

    /** Buffers plainly up to {@link #KEEP_PLAIN_UP_TO}, then compresses what it has and everything after it. */
    private static final class Spill extends OutputStream {
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
        ByteArrayOutputStream compressed;
        GZIPOutputStream gzip;
        long count;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count += len;
            if (gzip != null) {
                gzip.write(b, off, len);
                return;
            }
            buffer.write(b, off, len);
            if (buffer.size() > KEEP_PLAIN_UP_TO) {
                compressed = new ByteArrayOutputStream(KEEP_PLAIN_UP_TO);
                // The fastest level: a full registry is rebuilt after every burst of changes, and at level 6
                // compressing costs three times the serialization for a document about a fifth smaller.
                gzip = new GZIPOutputStream(compressed, 64 * 1024) {
                    {
                        def.setLevel(Deflater.BEST_SPEED);
                    }
                };
                buffer.writeTo(gzip);
                buffer.reset();
            }
        }

        @Override
        public void close() throws IOException {
            if (gzip != null) {
                gzip.close();
            }
        }
    }
}
