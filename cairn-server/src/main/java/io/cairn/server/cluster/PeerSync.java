package io.cairn.server.cluster;

import io.cairn.model.Applications;
import io.cairn.model.InstanceInfo;
import io.cairn.model.codec.EurekaJsonCodec;
import io.cairn.server.config.CairnConfig;
import io.cairn.server.registry.Registry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Copies the registry from a peer when a node starts, before it opens its reads: every instance is registered here
 * as a replication, with its own lease duration, and self-preservation starts from the count copied.
 */
final class PeerSync {
    /** Marks a request from a Cairn peer, which is served even while the answering node's reads are gated. */
    static final String PEER_HEADER = "X-Cairn-Peer";
    /** On a peer's answer: whether that node had itself synced; a node that had not is no source of truth. */
    static final String SYNCED_HEADER = "X-Cairn-Synced";

    private static final System.Logger LOG = System.getLogger(PeerSync.class.getName());

    private final Registry registry;
    private final HttpClient http;
    private final EurekaJsonCodec json;
    private final CairnConfig.Cluster config;
    private final String peerToken;

    PeerSync(Registry registry, HttpClient http, EurekaJsonCodec json, CairnConfig.Cluster config, String peerToken) {
        this.peerToken = peerToken;
        this.registry = registry;
        this.http = http;
        this.json = json;
        this.config = config;
    }

    /**
     * Tries the peers, in order, up to the configured number of rounds.
     *
     * @return the number of instances copied, or -1 if no peer could serve as a source
     */
    int run(List<String> peers, ReadGate gate) throws InterruptedException {
        int rounds = Math.max(1, config.registrySyncRetries());
        for (int round = 0; round < rounds && !Thread.currentThread().isInterrupted(); round++) {
            if (round > 0) {
                Thread.sleep(config.registrySyncRetryWait().toMillis());
            }
            int unsyncedAnswers = 0;
            for (String peer : peers) {
                try {
                    Fetched f = fetch(peer);
                    if (!f.synced()) {
                        unsyncedAnswers++;
                        continue;
                    }
                    int n = copy(f.applications());
                    registry.resetExpectedClients(Math.max(1, n));
                    gate.open("copied " + n + " instance(s) from " + PeerAddress.masked(peer));
                    return n;
                } catch (IOException | RuntimeException e) {
                    // Once per peer and run, not per retry: a node waiting for its peers must not flood its log.
                    if (round == 0) {
                        LOG.log(System.Logger.Level.INFO, "sync from {0} failed: {1}", PeerAddress.masked(peer),
                                e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
                    }
                }
            }
            if (!peers.isEmpty() && unsyncedAnswers == peers.size()) {
                // Every peer answered and none has a registry yet: the whole cluster is starting fresh.
                gate.open("every peer is starting too; nothing to copy");
                return 0;
            }
        }
        return -1;
    }

    private record Fetched(boolean synced, Applications applications) {
    }

    private Fetched fetch(String peer) throws IOException, InterruptedException {
        PeerAddress address = PeerAddress.of(peer, peerToken);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(address.base() + "apps/"));
        if (address.authorization() != null) {
            b.header("Authorization", address.authorization());
        }
        HttpRequest req = b
                .timeout(config.readTimeout().multipliedBy(4))
                .header("Accept", "application/json")
                .header("Accept-Encoding", "gzip")
                .header(PEER_HEADER, "true")
                .GET().build();
        HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream raw = r.body()) {
            if (r.statusCode() != 200) {
                throw new IOException("answered " + r.statusCode());
            }
            boolean gz = r.headers().firstValue("Content-Encoding").map(v -> v.contains("gzip")).orElse(false);
            byte[] body = (gz ? new GZIPInputStream(raw) : raw).readAllBytes();
            boolean synced = !"false".equals(r.headers().firstValue(SYNCED_HEADER).orElse("true"));
            return new Fetched(synced, json.readApplications(body));
        }
    }

    private int copy(Applications apps) {
        int n = 0;
        for (InstanceInfo i : apps.instances()) {
            try {
                registry.register(i, true);
                n++;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "skipped {0}/{1} while syncing: {2}", i.app(), i.id(),
                        e.getMessage());
            }
        }
        return n;
    }
}
