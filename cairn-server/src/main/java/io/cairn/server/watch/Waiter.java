package io.cairn.server.watch;

import io.vertx.core.http.HttpServerRequest;

/** A parked long poll: who is waiting, for what, since which index, and its timeout timer. */
final class Waiter {
    final HttpServerRequest request;
    final WatchFilter filter;
    final long index;
    long timerId = -1;

    Waiter(HttpServerRequest request, WatchFilter filter, long index) {
        this.request = request;
        this.filter = filter;
        this.index = index;
    }
}
