package io.cairn.client.watch;

import io.cairn.client.transport.EurekaHttp;
import io.cairn.client.transport.Exchange;
import io.cairn.client.transport.Reply;
import io.cairn.client.transport.ServiceEndpoint;
import io.cairn.client.transport.UrlPaths;
import io.cairn.model.codec.CodecException;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * One long poll of Cairn's watch API on one server: {@code GET watch?index=N&epoch=E&wait=30s}. The server answers
 * as soon as the registry changed after {@code N}, or with no events when the wait is over. The HTTP timeout is the
 * wait plus the read timeout, so that a silent server is noticed.
 */
public final class WatchClient {
    private final Exchange exchange;
    private final WatchEnvelopeReader reader;
    private final Duration readTimeout;

    public WatchClient(Exchange exchange, WatchEnvelopeReader reader, Duration readTimeout) {
        this.exchange = exchange;
        this.reader = reader;
        this.readTimeout = readTimeout;
    }

    /**
     * @param index the last index seen, or empty to get the whole registry (a reset)
     * @param epoch the epoch that index belongs to, or null if unknown
     * @throws WatchUnsupportedException if the server has no watch API (404 and the like, or a body that is not a
     *                                   watch answer), or refuses this watch for now (401, 403, 429)
     * @throws IOException               on connection errors, timeouts and server errors (5xx)
     */
    public WatchAnswer poll(ServiceEndpoint server, OptionalLong index, String epoch, Duration wait)
            throws IOException, InterruptedException, WatchUnsupportedException {
        StringBuilder path = new StringBuilder("watch?wait=").append(Math.max(1, wait.toSeconds())).append('s');
        index.ifPresent(i -> path.append("&index=").append(i));
        if (epoch != null && index.isPresent()) {
            path.append("&epoch=").append(UrlPaths.query(epoch));
        }
        Reply r = exchange.send(server, EurekaHttp.request(server, path.toString(), wait.plus(readTimeout))
                .header("Accept-Encoding", "gzip").GET().build());
        int s = r.status();
        if (s == 200) {
            try {
                return reader.read(r.body());
            } catch (CodecException e) {
                throw new WatchUnsupportedException(server + " answered the watch with something else: " + e.getMessage());
            }
        }
        if (s == 400 || s == 404 || s == 405 || s == 406 || s == 501) {
            throw new WatchUnsupportedException(server + " has no watch API (" + s + ")");
        }
        if (s == 401 || s == 403 || s == 429) {
            // A healthy server that will not hold this watch now (credentials, a node still syncing, too many
            // watches from this address): poll deltas from it for a while instead of calling it failed.
            throw new WatchUnsupportedException(server + " refused the watch (" + s + ")");
        }
        throw new IOException(server + " answered the watch with " + s);
    }
}
