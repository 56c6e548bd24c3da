package io.cairn.it;

import static io.cairn.it.Waiting.soon;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.server.security.PasswordHash;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Netflix client against a node that requires client credentials: credentials in the service URL
 * ({@code http://user:pass@host/eureka/}) are all it needs; without them it is refused and registers nothing.
 */
class NetflixClientAuthTest {
    private Cairn cairn;
    private final List<NetflixClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        String hash = PasswordHash.hash("orders-pw".toCharArray(), 1_000, new SecureRandom());
        cairn = Cairn.start(b -> b.requireClientAuth(true).user("orders", hash, "client"));
    }

    @AfterEach
    void stop() {
        clients.forEach(NetflixClient::close);
        cairn.close();
    }

    private String url(String userInfo) {
        return "http://" + userInfo + "127.0.0.1:" + cairn.port() + "/eureka/";
    }

    @Test
    void basicAuthInTheServiceUrlRegistersRenewsAndFetches() {
        NetflixClient orders = NetflixClient.registering("orders", "orders-1").serviceUrls(url("orders:orders-pw@"))
                .lease(1, 10).start();
        clients.add(orders);
        soon().until(() -> cairn.instance("ORDERS", "orders-1").isPresent());
        soon().until(() -> orders.seen("ORDERS", "orders-1").isPresent());
        soon().until(() -> orders.traffic().responses().stream()
                .anyMatch(e -> e.method().equals("PUT") && e.status() == 200));
        assertThat(orders.traffic().responses()).noneMatch(e -> e.status() == 401 || e.status() == 403);
    }

    @Test
    void withoutOrWithWrongCredentialsTheClientIsRefused() {
        NetflixClient anonymous = NetflixClient.registering("orders", "anon-1").serviceUrls(url("")).start();
        NetflixClient wrong = NetflixClient.registering("orders", "wrong-1").serviceUrls(url("orders:guess@"))
                .start();
        clients.add(anonymous);
        clients.add(wrong);
        soon().until(() -> anonymous.traffic().responses().stream().anyMatch(e -> e.status() == 401)
                && wrong.traffic().responses().stream().anyMatch(e -> e.status() == 401));
        assertThat(cairn.instance("ORDERS", "anon-1")).isEmpty();
        assertThat(cairn.instance("ORDERS", "wrong-1")).isEmpty();
    }
}
