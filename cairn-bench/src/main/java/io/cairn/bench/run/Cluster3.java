package io.cairn.bench.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Three registry nodes of one kind on this machine, each told of the other two. Peer traffic can be routed through
 * {@link CountingProxy} ports (one per node: whatever any peer sends to node X goes through X's proxy), so that the
 * bytes between peers are counted the same way for Cairn and for Eureka.
 */
final class Cluster3 implements AutoCloseable {
    final List<ServerProcess> nodes = new ArrayList<>();

    /**
     * @param peerPorts for each node, the port its peers use to reach it (its own port, or its proxy's)
     */
    static Cluster3 start(ServerProcess.Kind kind, String name, Path root, int[] ports, int[] peerPorts,
                          List<String> jvm, List<String> common, Path logDir) {
        Cluster3 c = new Cluster3();
        try {
            for (int i = 0; i < 3; i++) {
                List<String> others = new ArrayList<>();
                for (int j = 0; j < 3; j++) {
                    if (j != i) {
                        others.add("http://127.0.0.1:" + peerPorts[j] + "/eureka/");
                    }
                }
                String own = "http://127.0.0.1:" + ports[i] + "/eureka/";
                List<String> settings = new ArrayList<>(common);
                settings.add("eureka.client.service-url.defaultZone=" + String.join(",", others));
                if (kind == ServerProcess.Kind.CAIRN) {
                    // Cairn peers authenticate to each other; every node gets the same token.
                    settings.add("cairn.cluster.peer-token=cairn-bench-peer-token");
                }
                if (kind == ServerProcess.Kind.EUREKA) {
                    settings.add("eureka.server.my-url=" + own);
                    settings.add("eureka.client.register-with-eureka=false");
                    settings.add("eureka.client.fetch-registry=false");
                }
                String n = name + "-" + (char) ('a' + i);
                c.nodes.add(ServerProcess.start(kind, n, root, ports[i], jvm, settings, logDir));
            }
            for (ServerProcess p : c.nodes) {
                p.awaitReady(Duration.ofSeconds(180));
            }
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    ServerProcess node(int i) {
        return nodes.get(i);
    }

    long[] pids() {
        return nodes.stream().mapToLong(ServerProcess::pid).toArray();
    }

    String describe() {
        StringBuilder sb = new StringBuilder();
        for (ServerProcess p : nodes) {
            sb.append(String.format(Locale.ROOT, "%s (port %d, pid %d) ", p.name(), p.port(), p.pid()));
        }
        return sb.toString().trim();
    }

    @Override
    public void close() {
        nodes.forEach(ServerProcess::close);
    }
}
