package io.cairn.server.cli;

import io.cairn.server.CairnServer;
import io.cairn.server.config.CairnConfig;
import io.cairn.server.config.ConfigException;
import io.cairn.server.config.ConfigLoader;
import io.cairn.server.security.AdminTokenFile;
import io.cairn.server.security.CredentialStore;
import io.cairn.server.security.Role;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
        try {
            if (!new CredentialStore(c).get().grants(Role.ADMIN)) {
                // Admin endpoints always need credentials: with none configured, a token is made (and kept) for them.
                String file = c.security().adminTokenFile();
                Path path = file.isBlank() ? AdminTokenFile.defaultPath() : Path.of(file.trim());
                cli.put("cairn.admin.token", AdminTokenFile.obtain(path, System.out));
                c = ConfigLoader.load(options.config, System.getenv(), sys, cli).config();
            }
        } catch (IOException | IllegalArgumentException | ConfigException e) {
            err.println("cairn: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
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
        } catch (IllegalStateException | IllegalArgumentException e) {
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
