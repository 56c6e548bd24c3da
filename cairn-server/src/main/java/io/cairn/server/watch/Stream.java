package io.cairn.server.watch;

import io.vertx.core.http.HttpServerResponse;

/** An open server-sent-event stream and the index up to which it has been sent everything it wants. */
final class Stream {
    final HttpServerResponse response;
    final WatchFilter filter;
    long sentUpTo;

    Stream(HttpServerResponse response, WatchFilter filter, long sentUpTo) {
        this.response = response;
        this.filter = filter;
        this.sentUpTo = sentUpTo;
    }
}
