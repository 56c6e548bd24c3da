package io.cairn.server.http;

import io.cairn.model.codec.CodecException;
import io.cairn.server.registry.InvalidInstanceException;
import io.cairn.server.registry.RegistryFullException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Turns what a handler throws into an answer: bad input becomes a 4xx with its reason, and only a defect in Cairn
 * itself becomes a 500 (logged), so that no input can take a request down without an answer.
 */
final class Guard {
    private static final System.Logger LOG = System.getLogger(Guard.class.getName());
    private final Replies replies;

    Guard(Replies replies) {
        this.replies = replies;
    }

    void run(HttpServerRequest req, Runnable handler) {
        try {
            handler.run();
        } catch (HttpError e) {
            replies.error(req, e.status(), e.getMessage());
        } catch (RegistryFullException e) {
            replies.error(req, 429, e.getMessage());
        } catch (CodecException | InvalidInstanceException e) {
            replies.error(req, 400, e.getMessage());
        } catch (IllegalArgumentException e) {
            replies.error(req, 400, "bad request: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "failed " + req.method() + " " + req.path(), e);
            replies.error(req, 500, "internal error");
        }
    }
}
