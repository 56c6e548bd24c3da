package io.cairn.bench.run;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A TCP proxy in front of one node that counts every byte in both directions: the bytes on the wire between peers
 * (HTTP headers and bodies, as sent; TCP/IP framing not included). The same measure for Cairn and for Eureka.
 */
final class CountingProxy implements AutoCloseable {
    private final NetServer server;
    private final NetClient client;
    final LongAdder toNode = new LongAdder();
    final LongAdder fromNode = new LongAdder();
    final LongAdder connections = new LongAdder();

    CountingProxy(Vertx vertx, int listenPort, int nodePort) {
        this.client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(5000));
        this.server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(listenPort)
                .setTcpNoDelay(true));
        server.connectHandler(in -> {
            in.pause();
            connections.increment();
            client.connect(nodePort, "127.0.0.1").onComplete(ar -> {
                if (ar.failed()) {
                    in.close();
                    return;
                }
                NetSocket node = ar.result();
                pipe(in, node, toNode);
                pipe(node, in, fromNode);
                in.resume();
            });
        });
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("proxy cannot listen on " + listenPort, e);
        }
    }

    private static void pipe(NetSocket from, NetSocket to, LongAdder counter) {
        from.handler(b -> {
            counter.add(b.length());
            to.write(b);
            if (to.writeQueueFull()) {
                from.pause();
                to.drainHandler(v -> from.resume());
            }
        });
        from.closeHandler(v -> to.close());
    }

    long total() {
        return toNode.sum() + fromNode.sum();
    }

    @Override
    public void close() {
        server.close();
        client.close();
    }
}
