package io.cairn.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cairn.client.CairnClient;
import io.cairn.client.ClientConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny service that registers itself as {@code greeter} and answers {@code GET /hello} (and {@code GET /health}) on
 * the JDK's built-in HTTP server. Run one or several, each on its own port:
 * <pre>{@code examples/run-greeter.sh 8081}</pre>
 * Arguments: {@code [port] [serviceUrl]}; the service URL defaults to {@code $CAIRN_URL} or
 * {@code http://localhost:8761/eureka/}. Ctrl-C closes the client, which cancels the registration at once.
 */
public final class Greeter {
    private Greeter() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8081;
        String serviceUrl = args.length > 1 ? args[1] : Settings.serviceUrl();
        String host = Settings.env("GREETER_HOST", "localhost");
        String id = host + ":greeter:" + port;
        AtomicLong served = new AtomicLong();

        HttpServer http = HttpServer.create(new InetSocketAddress(port), 0);
        http.createContext("/hello", ex -> reply(ex, 200, "hello from " + id + " (call #" + served.incrementAndGet() + ")\n"));
        http.createContext("/health", ex -> reply(ex, 200, "UP\n"));
        http.start();

        // Registered once the HTTP server answers, so that callers never get an instance that cannot answer yet.
        CairnClient client = CairnClient.start(ClientConfig.builder()
                .serviceUrl(serviceUrl.split(","))
                .appName("greeter")
                .instanceId(id)
                .hostName(host)
                .port(port)
                .statusPageUrl("/hello")
                .healthCheckUrl("/health")
                .metadata("zone", Settings.env("ZONE", "defaultZone"))
                .registerWithEureka(true)
                .fetchRegistry(false)
                .shutdownHook(false)
                .build());
        System.out.println("greeter " + id + " serving http://" + host + ":" + port + "/hello, registered with "
                + serviceUrl + " (Ctrl-C to stop)");

        // On Ctrl-C: deregister first, so that callers stop choosing this instance, then let calls in flight finish.
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            client.close();
            http.stop(1);
            System.out.println("greeter " + id + " stopped after " + served.get() + " calls; registration cancelled");
            stopped.countDown();
        }));
        stopped.await();
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
