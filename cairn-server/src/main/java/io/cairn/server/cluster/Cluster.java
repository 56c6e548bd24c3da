package io.cairn.server.cluster;

import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.model.codec.EurekaJsonCodec;
import io.cairn.server.config.CairnConfig;
import io.cairn.server.registry.Registry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * This node's place among its peers: who they are (re-read periodically), replication of this node's operations to
 * each, the renewal digests toward Cairn peers, and the copy of the registry from a peer at start.
 */
public final class Cluster implements Replication, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Cluster.class.getName());

    private final CairnConfig.Cluster config;
    private final Registry registry;
    private final Clock clock;
    private final Supplier<List<String>> peerSource;
    private final ReplicationCodec codec;
    private final EurekaJsonCodec json;
    private final ScheduledExecutorService timers;
    private volatile HttpClient http;
    private final ReadGate gate;
    private final Map<String, PeerNode> nodes = new LinkedHashMap<>();
    private final PeerNode.Repairs repairs = new ClusterRepairs();
    private volatile List<PeerNode> active = List.of();
    private final String peerToken;
    private final io.cairn.server.tls.PeerTls peerTls;
    private SelfDetection self;
    private Thread syncThread;

    /**
     * @param peerSource the configured peer URLs, read again on every membership refresh
     */
    public Cluster(CairnConfig config, Registry registry, EurekaJsonCodec json, Clock clock,
                   Supplier<List<String>> peerSource) {
        this.config = config.cluster();
        this.peerToken = config.security().peerToken();
        this.registry = registry;
        this.clock = clock;
        this.peerSource = peerSource;
        this.json = json;
        this.codec = new ReplicationCodec(json);
        this.timers = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "cairn-replication");
            t.setDaemon(true);
            return t;
        });
        CairnConfig.Tls tls = config.tls();
        // https peers are verified against the trust file; this node's certificate answers client-auth peers. Both
        // are re-read when the files change (reloadTls).
        this.peerTls = tls.enabled() || !tls.trustFile().isEmpty() ? new io.cairn.server.tls.PeerTls(tls) : null;
        this.http = newHttpClient();
        this.gate = this.config.hasPeers()
                ? ReadGate.closedFor(clock, this.config.waitWhenSyncEmpty().toMillis())
                : ReadGate.alwaysOpen(clock);
    }

    public ReadGate gate() {
        return gate;
    }

    private HttpClient newHttpClient() {
        HttpClient.Builder client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .executor(timers);
        if (peerTls != null) {
            client.sslContext(peerTls.context());
        }
        return client.build();
    }

    /**
     * Takes changed TLS files: a new HTTP client (its connections to peers, and no resumed TLS session, present the
     * new certificate), while requests in flight finish on the old one. Returns whether anything was reloaded.
     */
    public boolean reloadTls() {
        if (peerTls == null || !peerTls.reload()) {
            return false;
        }
        http = newHttpClient();
        return true;
    }

    /** Starts replication and the initial sync, now that this node knows its own port. */
    public void start(int myPort) {
        self = new SelfDetection(config.myUrl(), myPort);
        refreshMembership();
        if (active.isEmpty()) {
            gate.open("no peers besides this node");
        } else {
            List<String> urls = active.stream().map(PeerNode::url).toList();
            syncThread = new Thread(() -> syncUntilOpen(urls), "cairn-sync");
            syncThread.setDaemon(true);
            syncThread.start();
        }
        long digest = config.renewalDigestInterval().toMillis();
        timers.scheduleWithFixedDelay(() -> active.forEach(PeerNode::tick), digest, digest,
                TimeUnit.MILLISECONDS);
        long refresh = config.peerNodesUpdateInterval().toMillis();
        timers.scheduleWithFixedDelay(this::refreshMembership, refresh, refresh, TimeUnit.MILLISECONDS);
    }

    private void syncUntilOpen(List<String> urls) {
        PeerSync sync = new PeerSync(registry, http, json, config, peerToken);
        try {
            while (!gate.isOpen()) {
                if (sync.run(urls, gate) >= 0) {
                    return;
                }
                // No peer could be copied from: wait before the next rounds, however few retries are configured.
                Thread.sleep(Math.max(100, config.registrySyncRetryWait().toMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void refreshMembership() {
        List<String> urls;
        try {
            urls = peerSource.get();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot re-read the peer list, keeping the current one: {0}",
                    e.getMessage());
            return;
        }
        List<String> others = urls.stream().filter(u -> !self.isMe(u)).distinct().toList();
        for (String url : others) {
            if (!nodes.containsKey(url)) {
                PeerNode node = new PeerNode(url, peerToken, () -> http, timers, config, clock, codec, repairs);
                nodes.put(url, node);
                node.probe();
                LOG.log(System.Logger.Level.INFO, "peer added: {0}", PeerAddress.masked(url));
            }
        }
        for (String url : new ArrayList<>(nodes.keySet())) {
            if (!others.contains(url)) {
                nodes.remove(url).close();
                LOG.log(System.Logger.Level.INFO, "peer removed: {0}", PeerAddress.masked(url));
            }
        }
        active = List.copyOf(nodes.values());
    }

    /** Each peer's state, for the admin endpoint. */
    public List<PeerState> peers() {
        return active.stream().map(PeerNode::state).toList();
    }

    // ---------------------------------------------------------------- Replication

    private long expiry() {
        return clock.millis() + config.maxTimeForReplication().toMillis();
    }

    private void toAll(ReplicationTask task) {
        for (PeerNode n : active) {
            n.enqueue(task);
        }
    }

    @Override
    public void registered(InstanceInfo stored) {
        toAll(registerTask(stored));
    }

    @Override
    public void renewed(String app, String id) {
        for (PeerNode n : active) {
            n.renewed(app, id);
        }
    }

    @Override
    public void cancelled(String app, String id) {
        toAll(new ReplicationTask("Cancel", Registry.appKey(app), id, null, null, null, null, expiry()));
    }

    @Override
    public void statusUpdated(String app, String id, InstanceStatus status) {
        Long dirty = registry.instance(app, id).map(InstanceInfo::lastDirtyTimestamp).orElse(null);
        toAll(new ReplicationTask("StatusUpdate", Registry.appKey(app), id, dirty, status.name(), null, null,
                expiry()));
    }

    @Override
    public void overrideDeleted(String app, String id, InstanceStatus status) {
        Long dirty = registry.instance(app, id).map(InstanceInfo::lastDirtyTimestamp).orElse(null);
        toAll(new ReplicationTask("DeleteStatusOverride", Registry.appKey(app), id, dirty, status.name(), null, null,
                expiry()));
    }

    private ReplicationTask registerTask(InstanceInfo stored) {
        return new ReplicationTask("Register", stored.app(), stored.id(), stored.lastDirtyTimestamp(),
                stored.status().name(), null, stored, expiry());
    }

    /** What peers' answers may ask of this node. */
    private final class ClusterRepairs implements PeerNode.Repairs {
        @Override
        public ReplicationTask registerTask(String app, String id) {
            return registry.instance(app, id).map(Cluster.this::registerTask).orElse(null);
        }

        @Override
        public void adopt(InstanceInfo peerCopy) {
            registry.adopt(peerCopy);
        }

        @Override
        public ReplicationCodec.Renewal renewal(String app, String id, int count) {
            Optional<InstanceInfo> i = registry.stored(app, id);
            return i.map(x -> new ReplicationCodec.Renewal(x.app(), x.id(), x.lastDirtyTimestamp(), count,
                    x.overriddenStatus() == InstanceStatus.UNKNOWN ? null : x.overriddenStatus().name()))
                    .orElse(null);
        }
    }

    // ---------------------------------------------------------------- incoming digests

    /** Applies a peer's renewal digest and returns the answer document. */
    public byte[] applyDigest(byte[] body) {
        List<ReplicationCodec.Renewal> renewals = codec.readDigest(body);
        List<Integer> notFound = new ArrayList<>();
        List<Integer> conflictIndexes = new ArrayList<>();
        List<InstanceInfo> conflicts = new ArrayList<>();
        for (int n = 0; n < renewals.size(); n++) {
            ReplicationCodec.Renewal r = renewals.get(n);
            InstanceStatus override = r.overriddenStatus() == null ? null
                    : InstanceStatus.parse(r.overriddenStatus()).orElse(null);
            var result = registry.renew(r.app(), r.id(), true, r.lastDirtyTimestamp(), override);
            switch (result.outcome()) {
                case RENEWED -> registry.recordFoldedRenewals(r.count() - 1);
                case NOT_FOUND -> notFound.add(n);
                case CONFLICT -> {
                    conflictIndexes.add(n);
                    conflicts.add(result.conflict());
                }
            }
        }
        return codec.digestResult(notFound, conflictIndexes, conflicts);
    }

    @Override
    public void close() {
        if (syncThread != null) {
            syncThread.interrupt();
        }
        synchronized (this) {
            nodes.values().forEach(PeerNode::close);
        }
        timers.shutdownNow();
    }
}
