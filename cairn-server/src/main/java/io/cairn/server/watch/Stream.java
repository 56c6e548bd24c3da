package io.cairn.server.watch;

import io.vertx.core.http.HttpServerResponse;

/** An open server-sent-event stream; the index up to which it has been sent everything is its cohort's. */
final class Stream extends Watcher {
    final HttpServerResponse response;

    Stream(HttpServerResponse response, WatchFilter filter) {
        super(filter);
        this.response = response;
    }
}
