package io.cairn.server.cli;

import io.cairn.server.CairnServer;
import io.cairn.server.config.CairnConfig;
import io.cairn.server.config.ConfigException;
import io.cairn.server.config.ConfigLoader;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/** Loads the configuration a node was started with, starts the node, and serves until the JVM is asked to stop. */
public final class NodeLauncher {
    private NodeLauncher() {
    }

    /** Returns 2 for a configuration error and 1 when the node cannot start; otherwise serves until shutdown. */
    public static int run(NodeOptions options, PrintWriter err) throws InterruptedException {
        Map<String, String> cli = new LinkedHashMap<>(options.properties);
        if (options.port != null) {
            cli.put("server.port", Integer.toString(options.port));
        }
        if (options.host != null) {
            cli.put("cairn.server.host", options.host);
        }
        Map<String, String> sys = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().forEach(k -> sys.put(k, System.getProperty(k)));
        ConfigLoader.Result loaded;
        try {
            loaded = ConfigLoader.load(options.config, System.getenv(), sys, cli);
        } catch (ConfigException e) {
            err.println("cairn: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        System.Logger log = System.getLogger(NodeLauncher.class.getName());
        loaded.warnings().forEach(w -> log.log(System.Logger.Level.WARNING, w));
        CairnConfig c = loaded.config();
        // Peers may be added to the file (or environment) while the node runs; every refresh reads them again.
        Supplier<List<String>> peers = () -> {
            try {
                return ConfigLoader.load(options.config, System.getenv(), sys, cli).config().cluster().peerUrls();
            } catch (ConfigException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        };
        CairnServer server;
        try {
            server = new CairnServer(c, java.time.Clock.systemUTC(), peers).start();
        } catch (IllegalStateException e) {
            err.println("cairn: " + e.getMessage());
            err.flush();
            return ExitCode.FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "cairn-shutdown"));
        stopped.await();
        return ExitCode.OK;
    }
}
