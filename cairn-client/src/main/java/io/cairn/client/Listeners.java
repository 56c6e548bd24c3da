package io.cairn.client;

import io.cairn.client.cache.AppDiff;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** The subscribed {@link RegistryListener}s, called one change at a time, in order, on one event thread. */
final class Listeners {
    private static final System.Logger LOG = System.getLogger(Listeners.class.getName());

    private final Executor events;
    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    Listeners(Executor events) {
        this.events = events;
    }

    Subscription add(String app, RegistryListener listener) {
        Entry e = new Entry(app == null ? null : app.toUpperCase(Locale.ROOT), listener);
        entries.add(e);
        return e;
    }

    void cancelAll() {
        for (Entry e : entries) {
            e.cancel();
        }
    }

    /** Called by the registry cache, under its lock: hands the changes to the event thread. */
    void publish(List<AppDiff> diffs) {
        if (entries.isEmpty()) {
            return;
        }
        List<ApplicationChange> changes = new ArrayList<>(diffs.size());
        for (AppDiff d : diffs) {
            changes.add(new ApplicationChange(d.app(), d.before(), d.after()));
        }
        try {
            events.execute(() -> deliver(changes));
        } catch (RejectedExecutionException closing) {
            // the client is closing: nobody listens any more
        }
    }

    private void deliver(List<ApplicationChange> changes) {
        for (ApplicationChange c : changes) {
            for (Entry e : entries) {
                if (e.active && (e.app == null || e.app.equals(c.app()))) {
                    try {
                        e.listener.onChange(c);
                    } catch (RuntimeException ex) {
                        LOG.log(Level.WARNING, "registry listener failed on a change of " + c.app(), ex);
                    }
                }
            }
        }
    }

    private final class Entry implements Subscription {
        private final String app;
        private final RegistryListener listener;
        private volatile boolean active = true;

        Entry(String app, RegistryListener listener) {
            this.app = app;
            this.listener = listener;
        }

        @Override
        public void cancel() {
            active = false;
            entries.remove(this);
        }

        @Override
        public boolean isActive() {
            return active;
        }
    }
}
