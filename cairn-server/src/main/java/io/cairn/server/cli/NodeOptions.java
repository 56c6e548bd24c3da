package io.cairn.server.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options that start a node, shared by {@code cairn} alone and {@code cairn server}. */
public final class NodeOptions {
    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default 8761; 0 picks a free one).")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to bind (default 0.0.0.0).")
    String host;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A .yml, .yaml or .properties file; Eureka's property names are accepted.")
    Path config;

    @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Sets any configuration key, for example -Deureka.server.enable-self-preservation=false.")
    Map<String, String> properties = new LinkedHashMap<>();
}
