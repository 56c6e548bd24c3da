package io.cairn.bench.load;

import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;
import java.util.function.LongFunction;

/**
 * Runs requests against a server and measures them: closed loop (a fixed number of connections, each sending its next
 * request when the previous one is answered) or open loop (a fixed rate, latency measured from when each request was
 * due, so that a stalled server is not hidden by requests that were never sent). Server and load-generator CPU are
 * read from /proc before and after.
 */
public final class Driver {
    private Driver() {
    }

    /** What a run did. */
    public record Result(String name, long ok, long failed, long unexpected, Map<Integer, Long> statuses,
                         Latency latency, Proc.CpuMark cpu, long bytes, long behind) {

        public double seconds() {
            return cpu.wallNanos() / 1e9;
        }

        public double perSecond() {
            return ok / seconds();
        }

        /** Server CPU per successful operation, microseconds. */
        public double serverCpuMicrosPerOp() {
            return ok == 0 ? Double.NaN : cpu.serverNanos() / 1000.0 / ok;
        }

        public double benchCpuMicrosPerOp() {
            return ok == 0 ? Double.NaN : cpu.benchNanos() / 1000.0 / ok;
        }

        /** Server CPU use over the run, in cores. */
        public double serverCores() {
            return cpu.serverNanos() / (double) cpu.wallNanos();
        }

        public double benchCores() {
            return cpu.benchNanos() / (double) cpu.wallNanos();
        }

        /** Server CPU per successful operation spent by one thread group (loop, gc, jit, other), microseconds. */
        public double serverThreadMicrosPerOp(String group) {
            return ok == 0 ? Double.NaN : cpu.serverThreads().getOrDefault(group, 0L) / 1000.0 / ok;
        }

        @Override
        public String toString() {
            StringBuilder threads = new StringBuilder();
            cpu.serverThreads().keySet().stream().filter(g -> !g.equals(Proc.KERNEL)).forEach(g -> threads
                    .append(threads.length() == 0 ? "" : " ").append(g)
                    .append(String.format(java.util.Locale.ROOT, "=%.1f", serverThreadMicrosPerOp(g))));
            threads.append(String.format(java.util.Locale.ROOT, "; of all, in the kernel=%.1f",
                    serverThreadMicrosPerOp(Proc.KERNEL)));
            return String.format(java.util.Locale.ROOT,
                    "%-22s ok=%d failed=%d unexpected=%d %s %.0f/s %s server=%.1fus/op [%s] (%.2f cores) "
                            + "bench=%.2f cores bytes/op=%.0f%s",
                    name, ok, failed, unexpected, statuses, perSecond(), latency, serverCpuMicrosPerOp(), threads,
                    serverCores(), benchCores(), ok == 0 ? 0.0 : bytes / (double) ok,
                    behind > 0 ? " NOT SENT (generator behind): " + behind : "");
        }
    }

    private static final class Tally {
        final LongAdder ok = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder unexpected = new LongAdder();
        final LongAdder bytes = new LongAdder();
        final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        final Latency latency = new Latency();
        volatile Throwable lastError;

        void done(Http.Reply r, Throwable err, long startNanos, IntPredicate expected) {
            long end = System.nanoTime();
            if (err != null) {
                failed.increment();
                lastError = err;
                return;
            }
            statuses.computeIfAbsent(r.status(), k -> new LongAdder()).increment();
            latency.recordNanos(end - startNanos);
            bytes.add(r.bytes());
            if (expected.test(r.status())) {
                ok.increment();
            } else {
                unexpected.increment();
            }
        }

        Result result(String name, Proc.CpuMark cpu, long behind) {
            Map<Integer, Long> s = new java.util.TreeMap<>();
            statuses.forEach((k, v) -> s.put(k, v.sum()));
            if (lastError != null && failed.sum() > 0) {
                System.err.println(name + ": " + failed.sum() + " failed requests, last: " + lastError);
            }
            return new Result(name, ok.sum(), failed.sum(), unexpected.sum(), s, latency, cpu, bytes.sum(), behind);
        }
    }

    /**
     * Closed loop: {@code concurrency} requests in flight until {@code count} requests were sent (if > 0) or
     * {@code seconds} passed.
     *
     * @param op issues request number {@code seq}
     */
    public static Result closedLoop(String name, long[] serverPids, LongFunction<Future<Http.Reply>> op,
                                    int concurrency, long count, double seconds, IntPredicate expected) {
        if (count <= 0 && seconds <= 0) {
            throw new IllegalArgumentException(name + ": give a count or a duration");
        }
        Tally tally = new Tally();
        AtomicLong seq = new AtomicLong();
        AtomicInteger running = new AtomicInteger(concurrency);
        CompletableFuture<Void> done = new CompletableFuture<>();
        Proc.CpuMark before = Proc.CpuMark.of(serverPids);
        long deadline = seconds > 0 ? System.nanoTime() + (long) (seconds * 1e9) : Long.MAX_VALUE;
        for (int w = 0; w < concurrency; w++) {
            new Object() {
                void next() {
                    long n = seq.getAndIncrement();
                    if ((count > 0 && n >= count) || System.nanoTime() >= deadline
                            || tally.failed.sum() > 1000) {
                        if (running.decrementAndGet() == 0) {
                            done.complete(null);
                        }
                        return;
                    }
                    long start = System.nanoTime();
                    Future<Http.Reply> f;
                    try {
                        f = op.apply(n);
                    } catch (RuntimeException e) {
                        tally.done(null, e, start, expected);
                        next();
                        return;
                    }
                    f.onComplete(ar -> {
                        tally.done(ar.result(), ar.cause(), start, expected);
                        next();
                    });
                }
            }.next();
        }
        long limit = seconds > 0 ? (long) seconds + 120 : 3600;
        try {
            done.get(limit, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println(name + ": did not finish in time: " + e);
        }
        Proc.CpuMark cpu = Proc.CpuMark.of(serverPids).minus(before);
        return tally.result(name, cpu, 0);
    }

    /**
     * Open loop: {@code rate} requests per second for {@code seconds}, at most {@code maxInFlight} outstanding (a
     * request due while that many are outstanding is counted as not sent: the server fell behind). Latency is measured
     * from the moment each request was due.
     */
    public static Result openLoop(String name, long[] serverPids, LongFunction<Future<Http.Reply>> op,
                                  double rate, double seconds, int maxInFlight, IntPredicate expected) {
        Tally tally = new Tally();
        AtomicInteger inFlight = new AtomicInteger();
        long behind = 0;
        Proc.CpuMark before = Proc.CpuMark.of(serverPids);
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        double nanosPerOp = 1e9 / rate;
        long issued = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            long due = (long) ((now - start) / nanosPerOp);
            while (issued < due) {
                long intended = start + (long) (issued * nanosPerOp);
                long n = issued++;
                if (inFlight.get() >= maxInFlight) {
                    behind++;
                    continue;
                }
                inFlight.incrementAndGet();
                op.apply(n).onComplete(ar -> {
                    inFlight.decrementAndGet();
                    tally.done(ar.result(), ar.cause(), intended, expected);
                });
            }
            LockSupport.parkNanos(200_000);
        }
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (inFlight.get() > 0 && System.nanoTime() < waitUntil) {
            LockSupport.parkNanos(1_000_000);
        }
        Proc.CpuMark cpu = Proc.CpuMark.of(serverPids).minus(before);
        return tally.result(name, cpu, behind);
    }

    public static IntPredicate is(int... codes) {
        return s -> {
            for (int c : codes) {
                if (c == s) {
                    return true;
                }
            }
            return false;
        };
    }
}
