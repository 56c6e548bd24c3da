package io.cairn.client.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.cairn.client.support.FakeClock;
import io.cairn.model.codec.EurekaJsonCodec;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real HTTP layer against a JDK HttpServer on localhost: headers sent, gzip, Cairn's index header. */
class JdkExchangeTest {
    private static final String EMPTY = "{\"applications\":{\"versions__delta\":\"1\",\"apps__hashcode\":\"\",\"application\":[]}}";
    private HttpServer server;
    private final Map<String, String> seen = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/eureka/apps/", ex -> {
            seen.put("Authorization", String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            seen.put("Accept", String.valueOf(ex.getRequestHeaders().getFirst("Accept")));
            seen.put("Accept-Encoding", String.valueOf(ex.getRequestHeaders().getFirst("Accept-Encoding")));
            seen.put("path", ex.getRequestURI().getRawPath());
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
                out.write(EMPTY.getBytes(StandardCharsets.UTF_8));
            }
            ex.getResponseHeaders().add("Content-Encoding", "gzip");
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.getResponseHeaders().add("X-Cairn-Index", "42");
            ex.sendResponseHeaders(200, gz.size());
            ex.getResponseBody().write(gz.toByteArray());
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void basicAuthGzipAndTheCairnIndex() {
        String url = "http://reader:s3cret@127.0.0.1:" + server.getAddress().getPort() + "/eureka/";
        FakeClock clock = new FakeClock();
        FailoverClient servers = new FailoverClient(List.of(ServiceEndpoint.parse("z", url)),
                new JdkExchange(Duration.ofSeconds(2)), new Quarantine(clock, Duration.ofSeconds(1)), 3);
        EurekaHttp http = new EurekaHttp(servers, new EurekaJsonCodec(), Duration.ofSeconds(2));
        EurekaHttp.Fetched f = http.fetchFull();
        assertThat(f.applications().applications()).isEmpty();
        assertThat(f.reply().cairnIndex()).hasValue(42);
        assertThat(seen).containsEntry("Authorization", "Basic cmVhZGVyOnMzY3JldA==")
                .containsEntry("Accept", "application/json")
                .containsEntry("Accept-Encoding", "gzip")
                .containsEntry("path", "/eureka/apps/");
    }
}
