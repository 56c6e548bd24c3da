package io.cairn.it.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Clients that keep heartbeating: each instance renews with one chosen node, every interval, until stopped. */
final class Heartbeats implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final Map<String, ScheduledFuture<?>> beating = new ConcurrentHashMap<>();
    private final long intervalMs;

    Heartbeats(long intervalMs) {
        this.intervalMs = intervalMs;
    }

    /** Renews {@code app/id} with {@code node} from now on; a 404 makes it register again, as a real client does. */
    void keep(NodeProcess node, String app, String id, int leaseSeconds, long lastDirty) {
        stop(app, id);
        beating.put(app + "/" + id, timer.scheduleAtFixedRate(() -> {
            if (Rest.renew(node, app, id, lastDirty) == 404) {
                Rest.register(node, app, id, leaseSeconds, lastDirty);
            }
        }, 0, intervalMs, TimeUnit.MILLISECONDS));
    }

    void stop(String app, String id) {
        ScheduledFuture<?> f = beating.remove(app + "/" + id);
        if (f != null) {
            f.cancel(false);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
