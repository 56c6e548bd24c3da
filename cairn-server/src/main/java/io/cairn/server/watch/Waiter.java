package io.cairn.server.watch;

import io.vertx.core.http.HttpServerRequest;

/** A parked long poll: the request to answer and the timer that answers it when its wait runs out. */
final class Waiter extends Watcher {
    final HttpServerRequest request;
    long timerId = -1;

    Waiter(HttpServerRequest request, WatchFilter filter) {
        super(filter);
        this.request = request;
    }
}
