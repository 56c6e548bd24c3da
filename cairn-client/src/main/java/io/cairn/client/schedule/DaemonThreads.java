package io.cairn.client.schedule;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Executors of named daemon threads, so that a client never keeps a JVM alive. */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** A scheduler with {@code threads} daemon threads named {@code name-1, name-2...}; delayed work dies with it. */
    public static ScheduledThreadPoolExecutor scheduler(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory f = r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(threads, f);
        s.setRemoveOnCancelPolicy(true);
        s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        s.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        return s;
    }
}
