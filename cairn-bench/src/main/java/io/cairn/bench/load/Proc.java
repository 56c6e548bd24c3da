package io.cairn.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the kernel and the JVM say about a server process: CPU time from {@code /proc/PID/stat} (all threads: user and
 * system, JIT and GC included), resident memory from {@code /proc/PID/status}, heap in use after a full GC from
 * {@code jcmd}. Linux only.
 */
public final class Proc {
    private static final Pattern HEAP_USED = Pattern.compile("(?:heap|generation)\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K");
    private static final long CLK_TCK = clockTicks();

    private Proc() {
    }

    /** Clock ticks per second of {@code /proc/PID/stat} times (almost always 100). */
    public static long clockTicksPerSecond() {
        return CLK_TCK;
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /** User plus system CPU time of the whole process (every thread), in nanoseconds; -1 if it cannot be read. */
    public static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return parseCpuTicks(stat) * 1_000_000_000L / CLK_TCK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime (fields 14 and 15) of a {@code /proc/PID/stat} line; the command name may hold spaces. */
    static long parseCpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        String[] f = stat.substring(close + 2).trim().split("\\s+");
        // f[0] is field 3 (state), so field n is f[n - 3].
        return Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
    }

    /** Resident set size in bytes ({@code VmRSS}); -1 if it cannot be read. */
    public static long rssBytes(long pid) {
        try {
            return parseStatusKb(Files.readAllLines(Path.of("/proc/" + pid + "/status")), "VmRSS:") * 1024;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long parseStatusKb(List<String> lines, String key) {
        for (String l : lines) {
            if (l.startsWith(key)) {
                return Long.parseLong(l.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }

    /** Forces a full GC in {@code pid} ({@code jcmd GC.run}), then returns the heap in use in bytes (-1 if unknown). */
    public static long heapAfterGc(long pid) {
        jcmd(pid, "GC.run");
        return parseHeapUsedKb(jcmd(pid, "GC.heap_info")) * 1024;
    }

    /** Sums the "used" figures of {@code GC.heap_info} (one line for G1 and ZGC, one per generation otherwise). */
    static long parseHeapUsedKb(String heapInfo) {
        Matcher m = HEAP_USED.matcher(heapInfo);
        long sum = 0;
        boolean any = false;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
            any = true;
        }
        return any ? sum : -1;
    }

    /** Runs {@code jcmd PID command}, returns its output ("" on failure). Bounded to two minutes. */
    public static String jcmd(long pid, String... command) {
        try {
            List<String> cmd = new java.util.ArrayList<>(List.of("jcmd", Long.toString(pid)));
            cmd.addAll(List.of(command));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return new String(out);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The 1-minute load average, or -1. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** This process's own id. */
    public static long self() {
        return ProcessHandle.current().pid();
    }

    /** CPU seconds, process-wide, for the two figures a run compares: before and after. */
    public record CpuMark(long serverNanos, long benchNanos, long wallNanos) {
        public static CpuMark of(long... serverPids) {
            long s = 0;
            for (long pid : serverPids) {
                s += cpuNanos(pid);
            }
            return new CpuMark(s, cpuNanos(self()), System.nanoTime());
        }

        public CpuMark minus(CpuMark before) {
            return new CpuMark(serverNanos - before.serverNanos, benchNanos - before.benchNanos,
                    wallNanos - before.wallNanos);
        }
    }
}
