package io.cairn.examples;

import io.cairn.client.CairnClient;
import io.cairn.client.ClientConfig;
import io.cairn.model.InstanceInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A tiny service that finds {@code greeter} instances through the Cairn client and calls {@code GET /hello} on one of
 * them every second, round robin. It only reads the registry, so it does not register itself. Prints every change
 * of the greeter instances as the client sees it.
 * <pre>{@code examples/run-caller.sh}</pre>
 * Argument: {@code [serviceUrl]}, default {@code $CAIRN_URL} or {@code http://localhost:8761/eureka/}.
 */
public final class Caller {
    private Caller() {
    }

    public static void main(String[] args) throws Exception {
        String serviceUrl = args.length > 0 ? args[0] : Settings.serviceUrl();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try (CairnClient client = CairnClient.start(ClientConfig.builder()
                .serviceUrl(serviceUrl.split(","))
                .registerWithEureka(false)
                .zone(Settings.env("ZONE", "defaultZone"))
                .build())) {
            client.subscribe("greeter", change -> System.out.println(now() + " greeter instances UP: "
                    + change.upInstances().stream().map(InstanceInfo::id).collect(Collectors.joining(", ", "[", "]"))));
            System.out.println(now() + " caller using " + serviceUrl + ", "
                    + (client.stats().watching() ? "watching for changes" : "polling for changes"));
            while (true) {
                call(client, http);
                Thread.sleep(1000);
            }
        }
    }

    private static void call(CairnClient client, HttpClient http) {
        Optional<InstanceInfo> greeter = client.choose("greeter");
        if (greeter.isEmpty()) {
            System.out.println(now() + " no greeter instance is UP");
            return;
        }
        InstanceInfo i = greeter.get();
        URI uri = URI.create("http://" + i.hostName() + ":" + i.port() + "/hello");
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.print(now() + " " + r.body());
        } catch (Exception e) {
            System.out.println(now() + " call to " + uri + " failed: " + e);
        }
    }

    private static LocalTime now() {
        return LocalTime.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
