package io.cairn.bench.load;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    /** The key of {@link #threadCpuNanos} under which the system time of every thread is summed. */
    public static final String KERNEL = "kernel";

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
        String[] f = fieldsAfterName(stat);
        return Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
    }

    /** The fields after the command name (which may hold spaces and parentheses): element n - 3 is field n. */
    private static String[] fieldsAfterName(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
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

    /**
     * CPU time of a process's threads by what they do ({@link #threadGroup}), in nanoseconds, plus {@link #KERNEL}: the
     * part of all of them spent in the kernel (system time), which overlaps the groups. Threads that ended between two
     * readings are missing from the later one, so the groups explain the process figure, not replace it.
     */
    public static Map<String, Long> threadCpuNanos(long pid) {
        Map<String, Long> groups = new TreeMap<>();
        File[] tasks = new File("/proc/" + pid + "/task").listFiles();
        if (tasks == null) {
            return groups;
        }
        for (File t : tasks) {
            try {
                String stat = Files.readString(t.toPath().resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                groups.merge(threadGroup(name), parseCpuTicks(stat) * 1_000_000_000L / CLK_TCK, Long::sum);
                groups.merge(KERNEL, parseSystemTicks(stat) * 1_000_000_000L / CLK_TCK, Long::sum);
            } catch (IOException | RuntimeException e) {
                // the thread ended while being read
            }
        }
        return groups;
    }

    /** stime (field 15) of a {@code /proc/PID/stat} line: the time the kernel spent on the thread's behalf. */
    static long parseSystemTicks(String stat) {
        return Long.parseLong(fieldsAfterName(stat)[15 - 3]);
    }

    /** What a JVM thread does, from its (15-character) kernel name: loop, gc, jit or other. */
    static String threadGroup(String name) {
        if (name.startsWith("vert.x-eventloo") || name.startsWith("vert.x-acceptor")
                || name.startsWith("qtp") || name.startsWith("http-nio") || name.startsWith("reactor-http")) {
            return "loop";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread")
                || name.startsWith("ZGC") || name.startsWith("Shenandoah")) {
            return "gc";
        }
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return "jit";
        }
        return "other";
    }

    /** CPU seconds, process-wide, for the two figures a run compares: before and after. */
    public record CpuMark(long serverNanos, long benchNanos, long wallNanos, Map<String, Long> serverThreads) {
        public static CpuMark of(long... serverPids) {
            long s = 0;
            Map<String, Long> threads = new TreeMap<>();
            for (long pid : serverPids) {
                s += cpuNanos(pid);
                threadCpuNanos(pid).forEach((k, v) -> threads.merge(k, v, Long::sum));
            }
            return new CpuMark(s, cpuNanos(self()), System.nanoTime(), threads);
        }

        public CpuMark minus(CpuMark before) {
            Map<String, Long> threads = new TreeMap<>();
            serverThreads.forEach((k, v) -> threads.put(k, Math.max(0, v - before.serverThreads.getOrDefault(k, 0L))));
            return new CpuMark(serverNanos - before.serverNanos, benchNanos - before.benchNanos,
                    wallNanos - before.wallNanos, threads);
        }
    }
}
