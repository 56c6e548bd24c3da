package io.cairn.client.transport;

import java.io.IOException;
import java.net.http.HttpRequest;

/**
 * Sends one HTTP request to one server and reads the whole answer. The production implementation is
 * {@link JdkExchange}; tests substitute scripted answers.
 */
@FunctionalInterface
public interface Exchange {

    /**
     * @throws IOException          on a connection failure or timeout
     * @throws InterruptedException when the calling thread is interrupted
     */
    Reply send(ServiceEndpoint endpoint, HttpRequest request) throws IOException, InterruptedException;
}
