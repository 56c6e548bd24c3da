package io.cairn.server.watch;

import io.vertx.core.http.HttpServerRequest;

/** A parked long poll: the request to answer, and when its wait runs out ({@link System#nanoTime()}). */
final class Waiter extends Watcher {
    final HttpServerRequest request;
    long deadline;

    Waiter(HttpServerRequest request, WatchFilter filter) {
        super(filter);
        this.request = request;
    }
}
