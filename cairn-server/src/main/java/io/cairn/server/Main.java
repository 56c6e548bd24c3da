package io.cairn.server;

import io.cairn.server.config.CairnConfig;
import io.cairn.server.config.ConfigException;
import io.cairn.server.config.ConfigLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts a Cairn node from the command line: {@code java -jar cairn-server.jar [--port N] [--config FILE]}. */
@Command(name = "cairn-server", mixinStandardHelpOptions = true, version = "Cairn 0.1.0",
        description = "Runs a Cairn node: a Eureka-compatible service registry (default http://0.0.0.0:8761/eureka/).",
        sortOptions = false)
public final class Main implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default 8761; 0 picks a free one).")
    private Integer port;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to bind (default 0.0.0.0).")
    private String host;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A .yml, .yaml or .properties file; Eureka's property names are accepted.")
    private Path config;

    @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Sets any configuration key, for example -Deureka.server.enable-self-preservation=false.")
    private Map<String, String> properties = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$-7s %3$s - %5$s%6$s%n");
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> cli = new LinkedHashMap<>(properties);
        if (port != null) {
            cli.put("server.port", Integer.toString(port));
        }
        if (host != null) {
            cli.put("cairn.server.host", host);
        }
        Map<String, String> sys = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().forEach(k -> sys.put(k, System.getProperty(k)));
        ConfigLoader.Result loaded;
        try {
            loaded = ConfigLoader.load(config, System.getenv(), sys, cli);
        } catch (ConfigException e) {
            System.err.println("cairn: " + e.getMessage());
            return 2;
        }
        System.Logger log = System.getLogger(Main.class.getName());
        loaded.warnings().forEach(w -> log.log(System.Logger.Level.WARNING, w));
        CairnConfig c = loaded.config();
        // Peers may be added to the file (or environment) while the node runs; every refresh reads them again.
        java.util.function.Supplier<java.util.List<String>> peers = () -> {
            try {
                return ConfigLoader.load(config, System.getenv(), sys, cli).config().cluster().peerUrls();
            } catch (ConfigException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        };
        CairnServer server;
        try {
            server = new CairnServer(c, java.time.Clock.systemUTC(), peers).start();
        } catch (IllegalStateException e) {
            System.err.println("cairn: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "cairn-shutdown"));
        stopped.await();
        return 0;
    }
}
