package io.cairn.bench.run;

import io.cairn.bench.load.Target;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The watchers of a fan-out run, each on its own TCP connection speaking just enough HTTP/1.1 by hand: a long poll
 * that asks again from the index of its last answer, or one event stream. A general HTTP client's connection pool
 * costs more per request at 10,000 connections than the server's whole answer, and would measure the client.
 */
final class RawWatchers {
    private static final byte[] EVENTS = "\"events\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT_ID = "id: ".getBytes(StandardCharsets.US_ASCII);

    private final Vertx vertx;
    private final NetClient client;
    private final Target target;
    private final int n;
    private final boolean sse;
    final AtomicLongArray receivedAt;
    final AtomicInteger received = new AtomicInteger();
    final LongAdder errors = new LongAdder();
    volatile Throwable lastError;
    volatile boolean closed;
    private volatile CompletableFuture<Void> allIn = new CompletableFuture<>();

    RawWatchers(Vertx vertx, Target target, int n, boolean sse) {
        this.vertx = vertx;
        this.client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(30_000)
                .setReceiveBufferSize(64 * 1024));
        this.target = target;
        this.n = n;
        this.sse = sse;
        this.receivedAt = new AtomicLongArray(n);
    }

    /** Opens every watcher's connection (a few hundred connects at a time) and sends its first request. */
    void start(long index) throws InterruptedException {
        Semaphore connecting = new Semaphore(256);
        for (int i = 0; i < n; i++) {
            connecting.acquire();
            int k = i;
            client.connect(target.port(), target.host()).onComplete(ar -> {
                connecting.release();
                if (ar.failed()) {
                    errors.increment();
                    lastError = ar.cause();
                    return;
                }
                new Watcher(k, ar.result(), index).send();
            });
        }
        connecting.acquire(256);
    }

    /** Starts a round: clears the receipts. */
    void arm() {
        for (int i = 0; i < n; i++) {
            receivedAt.set(i, 0);
        }
        received.set(0);
        allIn = new CompletableFuture<>();
    }

    boolean awaitAll(long seconds) {
        try {
            allIn.get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    void close() {
        closed = true;
        client.close();
    }

    private void got(int i, long at) {
        if (receivedAt.compareAndSet(i, 0, at) && received.incrementAndGet() == n) {
            allIn.complete(null);
        }
    }

    /** One connection: parses answers as they come, in place, without building strings. */
    private final class Watcher {
        private final int i;
        private final NetSocket socket;
        private final byte[] requestHead;
        private final byte[] requestTail;
        private long index;
        private Buffer pending;
        private boolean streaming;

        Watcher(int i, NetSocket socket, long index) {
            this.i = i;
            this.socket = socket;
            this.index = index;
            String path = sse ? target.path("events?index=") : target.path("watch?index=");
            this.requestHead = ("GET " + path).getBytes(StandardCharsets.US_ASCII);
            this.requestTail = ((sse ? "" : "&wait=600s") + " HTTP/1.1\r\nHost: " + target.host() + "\r\nAccept: "
                    + (sse ? "text/event-stream" : "application/json") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            socket.handler(this::onBytes);
            socket.exceptionHandler(e -> {
                errors.increment();
                lastError = e;
            });
        }

        void send() {
            if (closed) {
                return;
            }
            socket.write(Buffer.buffer(requestHead.length + requestTail.length + 20).appendBytes(requestHead)
                    .appendString(Long.toString(index)).appendBytes(requestTail));
        }

        private void onBytes(Buffer b) {
            long at = System.nanoTime();
            if (streaming) {
                // After the head, any frame with an id is a change (keep-alives are comments).
                if (contains(b, EVENT_ID)) {
                    got(i, at);
                }
                return;
            }
            Buffer data = pending == null ? b : pending.appendBuffer(b);
            int from = 0;
            while (true) {
                Head h = Head.parse(data, from);
                if (h == null) {
                    break;
                }
                if (sse) {
                    streaming = true;
                    if (indexOf(data, EVENT_ID, h.end) >= 0) {
                        got(i, at);
                    }
                    pending = null;
                    return;
                }
                if (data.length() < h.end + h.contentLength) {
                    break;
                }
                if (h.status != 200) {
                    errors.increment();
                    lastError = new IllegalStateException("watch answered " + h.status + ": "
                            + data.getString(h.end, h.end + h.contentLength, "UTF-8").trim());
                } else if (hasEvents(data, h.end, h.end + h.contentLength)) {
                    got(i, at);
                }
                from = h.end + h.contentLength;
                if (h.index >= 0) {
                    index = h.index;
                }
                if (h.status == 200) {
                    // Asked again as a task after the reads at hand: ten thousand watchers on as many machines would
                    // not wait for each other's next request before reading their answers, so neither do these.
                    vertx.getOrCreateContext().runOnContext(v -> send());
                } else {
                    vertx.setTimer(500, t -> send());
                }
            }
            pending = from >= data.length() ? null : data.getBuffer(from, data.length());
        }
    }

    /** The head of one answer: its status, body length, registry index and where the body starts. */
    private record Head(int status, int contentLength, long index, int end) {
        private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] CAIRN_INDEX = "x-cairn-index:".getBytes(StandardCharsets.US_ASCII);

        static Head parse(Buffer b, int from) {
            int end = indexOf(b, CRLF2, from);
            if (end < 0) {
                return null;
            }
            int status = (b.getByte(from + 9) - '0') * 100 + (b.getByte(from + 10) - '0') * 10 + (b.getByte(from + 11) - '0');
            int length = 0;
            long index = -1;
            int line = from;
            while (line < end) {
                int next = indexOf(b, CRLF, line);
                if (next < 0 || next > end) {
                    next = end;
                }
                if (startsWithIgnoreCase(b, line, CONTENT_LENGTH)) {
                    length = (int) number(b, line + CONTENT_LENGTH.length, next);
                } else if (startsWithIgnoreCase(b, line, CAIRN_INDEX)) {
                    index = number(b, line + CAIRN_INDEX.length, next);
                }
                line = next + 2;
            }
            return new Head(status, length, index, end + 4);
        }

        private static boolean startsWithIgnoreCase(Buffer b, int at, byte[] lower) {
            if (at + lower.length > b.length()) {
                return false;
            }
            for (int k = 0; k < lower.length; k++) {
                if (Character.toLowerCase(b.getByte(at + k)) != lower[k]) {
                    return false;
                }
            }
            return true;
        }

        private static long number(Buffer b, int from, int to) {
            long v = 0;
            for (int k = from; k < to; k++) {
                byte c = b.getByte(k);
                if (c >= '0' && c <= '9') {
                    v = v * 10 + (c - '0');
                }
            }
            return v;
        }
    }

    private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF2 = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * Whether a long-poll answer carries events. Its envelope ({@code {"index":…,"epoch":…,"reset":…,"events":[})
     * comes first, so only its opening is searched, not the kilobytes of events after it.
     */
    private static boolean hasEvents(Buffer b, int from, int to) {
        int at = indexOf(b, EVENTS, from, Math.min(to, from + 256));
        return at >= 0 && at + EVENTS.length < to && b.getByte(at + EVENTS.length) != ']';
    }

    private static boolean contains(Buffer b, byte[] needle) {
        return indexOf(b, needle, 0) >= 0;
    }

    private static int indexOf(Buffer b, byte[] needle, int from) {
        return indexOf(b, needle, from, b.length());
    }

    private static int indexOf(Buffer b, byte[] needle, int from, int to) {
        int last = to - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (b.getByte(i + k) != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
