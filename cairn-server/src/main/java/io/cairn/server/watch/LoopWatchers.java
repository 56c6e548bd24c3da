package io.cairn.server.watch;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The watchers held on one event loop. Touched only from that loop, except {@link #signal()}, which any thread may
 * call to have the loop deliver new changes once, however many arrived meanwhile.
 */
final class LoopWatchers {
    final Context context;
    final Set<Waiter> waiters = new LinkedHashSet<>();
    final Set<Stream> streams = new LinkedHashSet<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Delivery delivery;

    /** Delivers to the watchers of one loop. */
    interface Delivery {
        void deliver(LoopWatchers loop);
    }

    LoopWatchers(Context context, Delivery delivery) {
        this.context = context;
        this.delivery = delivery;
    }

    void signal() {
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                scheduled.set(false);
                delivery.deliver(this);
            });
        }
    }

    List<Waiter> waitersSnapshot() {
        return new ArrayList<>(waiters);
    }

    List<Stream> streamsSnapshot() {
        return new ArrayList<>(streams);
    }
}
