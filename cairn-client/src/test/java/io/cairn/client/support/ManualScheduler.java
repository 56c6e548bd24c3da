package io.cairn.client.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A single-threaded scheduler driven by a {@link FakeClock}: nothing runs until the test calls {@link #runDue()},
 * {@link #runNext()} or {@link #advance(Duration)}, which run tasks on the test's thread in time order.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final FakeClock clock;
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final List<Throwable> failures = new ArrayList<>();
    private long seq;
    private boolean shutdown;

    public ManualScheduler(FakeClock clock) {
        this.clock = clock;
    }

    /** Exceptions thrown by tasks so far. */
    public List<Throwable> failures() {
        return failures;
    }

    /** Tasks waiting, due or not. */
    public synchronized int pending() {
        return queue.size();
    }

    /** Milliseconds until the next task is due (negative if overdue), or -1 when nothing is queued. */
    public synchronized long nextDelayMillis() {
        Task t = queue.peek();
        return t == null ? -1 : t.at - clock.millis();
    }

    /** Runs the next due task, if any; true if one ran. */
    public boolean runNext() {
        Task t;
        synchronized (this) {
            t = queue.peek();
            if (t == null || t.at > clock.millis()) {
                return false;
            }
            queue.poll();
        }
        t.run();
        return true;
    }

    /** Runs every task due now, including those they schedule for now (at most 1000). */
    public int runDue() {
        int n = 0;
        while (runNext()) {
            if (++n > 1000) {
                throw new IllegalStateException("tasks keep scheduling themselves for now");
            }
        }
        return n;
    }

    /**
     * Moves the clock forward by {@code d}, stopping at each task's time to run it. A task may move the clock
     * itself (a long poll taking its time); tasks due after the target wait for the next call.
     */
    public void advance(Duration d) {
        long target = clock.millis() + d.toMillis();
        int n = 0;
        while (true) {
            synchronized (this) {
                Task t = queue.peek();
                if (t == null || t.at > target) {
                    break;
                }
                if (t.at > clock.millis()) {
                    clock.set(t.at);
                }
            }
            runNext();
            if (++n > 100_000) {
                throw new IllegalStateException("tasks keep scheduling themselves");
            }
        }
        clock.set(Math.max(target, clock.millis()));
    }

    private synchronized Task add(Runnable r, long delayMillis, long period) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }
        Task t = new Task(r, clock.millis() + Math.max(0, delayMillis), period, seq++);
        queue.add(t);
        return t;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(command, unit.toMillis(delay), 0);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        // The client schedules only Runnables; a test reaching this would be testing something the client never does.
        throw new UnsupportedOperationException("the client schedules Runnables only");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(command, unit.toMillis(initialDelay), unit.toMillis(period));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(command, unit.toMillis(initialDelay), unit.toMillis(delay));
    }

    @Override
    public void execute(Runnable command) {
        add(command, 0, 0);
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
        queue.clear();
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        return List.of();
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return isShutdown();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    private final class Task implements ScheduledFuture<Object> {
        private final Runnable runnable;
        private final long period;
        private final long seqNo;
        private long at;
        private boolean cancelled;
        private boolean done;

        Task(Runnable runnable, long at, long period, long seqNo) {
            this.runnable = runnable;
            this.at = at;
            this.period = period;
            this.seqNo = seqNo;
        }

        void run() {
            if (cancelled) {
                return;
            }
            try {
                runnable.run();
            } catch (Throwable e) {
                failures.add(e);
            }
            if (period > 0 && !cancelled) {
                synchronized (ManualScheduler.this) {
                    if (!shutdown) {
                        at = clock.millis() + period;
                        queue.add(this);
                    }
                }
            } else {
                done = true;
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(at - clock.millis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Task t = (Task) o;
            return at != t.at ? Long.compare(at, t.at) : Long.compare(seqNo, t.seqNo);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            synchronized (ManualScheduler.this) {
                cancelled = true;
                queue.remove(this);
            }
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
