package io.cairn.server.metrics;

import io.cairn.server.cluster.Cluster;
import io.cairn.server.cluster.PeerState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Replication meters for each peer (queue, sent, failed, dropped, up, last success). Peers come and go while the node
 * runs, so the meters are brought in line with the peer list before every scrape.
 */
final class PeerMeters {
    private final MeterRegistry meters;
    private final Cluster cluster;
    private final Map<String, List<Meter>> byPeer = new HashMap<>();
    private volatile Map<String, PeerState> latest = Map.of();

    PeerMeters(MeterRegistry meters, Cluster cluster) {
        this.meters = meters;
        this.cluster = cluster;
    }

    /** Reads every peer's state once and registers or removes meters to match. */
    synchronized void refresh() {
        Map<String, PeerState> now = new HashMap<>();
        for (PeerState p : cluster.peers()) {
            now.put(p.url(), p);
        }
        latest = now;
        for (String url : now.keySet()) {
            byPeer.computeIfAbsent(url, this::register);
        }
        byPeer.entrySet().removeIf(e -> {
            if (now.containsKey(e.getKey())) {
                return false;
            }
            e.getValue().forEach(meters::remove);
            return true;
        });
    }

    private List<Meter> register(String url) {
        List<Meter> out = new ArrayList<>();
        out.add(gauge("cairn.replication.queue", url, "Operations waiting to be sent to the peer", PeerState::pending));
        out.add(gauge("cairn.peer.up", url, "1 while the last exchange with the peer succeeded",
                p -> p.healthy() ? 1 : 0));
        out.add(gauge("cairn.replication.last.success.timestamp.seconds", url,
                "When the last exchange with the peer succeeded (0 if never); time() minus this is the lag",
                p -> p.lastSuccess() / 1000.0));
        out.add(counter("cairn.replication.sent", url, "Operations delivered to the peer", PeerState::sent));
        out.add(counter("cairn.replication.failed", url, "Failed exchanges with the peer", PeerState::failed));
        out.add(counter("cairn.replication.dropped", url, "Operations dropped (overflow, expiry, refusal)",
                PeerState::dropped));
        out.add(counter("cairn.replication.sent.bytes", url, "Request bytes sent to the peer", PeerState::bytesSent));
        out.add(FunctionTimer.builder("cairn.replication.latency", this,
                        m -> (long) m.read(url, PeerState::exchanges), m -> m.read(url, PeerState::exchangeNanos),
                        TimeUnit.NANOSECONDS)
                .description("Replication round trips to the peer (batches and renewal digests) that got an answer")
                .tag("peer", url).register(meters));
        return out;
    }

    private Meter gauge(String name, String url, String help, ToDoubleFunction<PeerState> f) {
        return Gauge.builder(name, this, m -> m.read(url, f)).description(help).tag("peer", url).register(meters);
    }

    private Meter counter(String name, String url, String help, ToDoubleFunction<PeerState> f) {
        return FunctionCounter.builder(name, this, m -> m.read(url, f)).description(help).tag("peer", url)
                .register(meters);
    }

    private double read(String url, ToDoubleFunction<PeerState> f) {
        PeerState p = latest.get(url);
        return p == null ? Double.NaN : f.applyAsDouble(p);
    }
}
