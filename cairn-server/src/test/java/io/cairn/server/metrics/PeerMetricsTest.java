package io.cairn.server.metrics;

import static io.cairn.server.http.LiveServer.instanceJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.server.config.CairnConfig;
import io.cairn.server.http.LiveServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PeerMetricsTest {

    @Test
    void replicationToEachPeerIsMeasured() {
        try (LiveServer peer = new LiveServer(CairnConfig.builder().peerToken("cluster-secret"));
             LiveServer node = new LiveServer(CairnConfig.builder().peerUrls(peer.uri("/eureka/").toString())
                     .peerToken("cluster-secret"))) {
            String label = "{peer=\"" + peer.uri("/eureka/") + "\"}";
            assertThat(node.postJson("/eureka/apps/ORDERS", instanceJson("ORDERS", "orders-1", "UP")).statusCode())
                    .isEqualTo(204);

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Scrape s = scrape(node);
            while (!(s.value("cairn_replication_sent_total" + label) >= 1) && System.nanoTime() < deadline) {
                s = scrape(node);
            }
            assertThat(s.value("cairn_replication_sent_total" + label)).isGreaterThanOrEqualTo(1);
            assertThat(s.value("cairn_replication_failed_total" + label)).isZero();
            assertThat(s.value("cairn_replication_queue" + label)).isZero();
            assertThat(s.value("cairn_peer_up" + label)).isEqualTo(1);
            assertThat(s.value("cairn_replication_latency_seconds_count" + label)).isGreaterThanOrEqualTo(1);
            assertThat(s.value("cairn_replication_latency_seconds_sum" + label)).isPositive();
            assertThat(s.value("cairn_replication_last_success_timestamp_seconds" + label)).isPositive();
        }
    }

    private static Scrape scrape(LiveServer live) {
        return new Scrape(new String(live.get("/metrics", "text/plain").body(), StandardCharsets.UTF_8));
    }
}
