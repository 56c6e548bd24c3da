package io.cairn.server.cli;

import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How the client commands reach a server: its Eureka service URL, a timeout, and whether to answer in JSON. */
final class RemoteOptions {
    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:CAIRN_URL:-http://localhost:8761/eureka/}",
            description = "The server's Eureka service URL, as clients are configured with (default: $CAIRN_URL or "
                    + "http://localhost:8761/eureka/). A bare http://host:port means http://host:port/eureka/.")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:CAIRN_TOKEN:-}",
            description = "A bearer token to send (default: $CAIRN_TOKEN); basic credentials can instead be given in "
                    + "the URL, http://user:password@host:8761/eureka/. Status changes and deregistrations of others' "
                    + "instances need an admin's.")
    String token;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds to wait for the server (default 10).")
    int timeoutSeconds;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    /** The service URL, always ending with a slash. */
    URI serviceUrl() {
        URI u;
        try {
            u = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "--url: not a URL: " + url);
        }
        if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                || u.getHost() == null) {
            throw new CliException(ExitCode.USAGE, "--url: expected http://host:port/eureka/, got " + url);
        }
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/")
                ? "/eureka/" : u.getRawPath();
        if (!path.endsWith("/")) {
            path += "/";
        }
        return URI.create(u.getScheme() + "://" + u.getRawAuthority() + path);
    }

    Duration timeout() {
        if (timeoutSeconds <= 0) {
            throw new CliException(ExitCode.USAGE, "--timeout must be a positive number of seconds");
        }
        return Duration.ofSeconds(timeoutSeconds);
    }
}
