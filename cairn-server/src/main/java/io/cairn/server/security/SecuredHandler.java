package io.cairn.server.security;

import io.vertx.core.http.HttpServerRequest;

/** A request handler told who sent the request, once {@link SecurityGate} has let it through. */
@FunctionalInterface
public interface SecuredHandler {
    void handle(HttpServerRequest req, Principal who);
}
