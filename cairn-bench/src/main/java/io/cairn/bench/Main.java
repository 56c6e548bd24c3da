package io.cairn.bench;

import io.cairn.bench.load.Http;
import io.cairn.bench.load.Proc;
import io.cairn.bench.load.Scenarios;
import io.cairn.bench.load.Suite;
import io.cairn.bench.load.Target;
import io.cairn.bench.run.Args;
import io.cairn.bench.run.Replication;
import io.cairn.bench.run.Scale;
import io.cairn.bench.run.SideBySide;
import io.cairn.bench.run.WatchFanout;
import java.util.Arrays;
import java.util.Set;

/** {@code java -jar cairn-bench.jar COMMAND [--option value ...]}; see {@code docs/benchmarks.md}. */
public final class Main {
    private static final String USAGE = """
            usage: java -jar cairn-bench.jar COMMAND [--option value ...]
              load          the scenarios against any Eureka-compatible server:
                              --url http://127.0.0.1:8761/eureka/ [--pid PID] [--instances 10000] [--per-app 10]
                              [--concurrency 64] [--heartbeat-seconds 15] [--scenarios register,heartbeat,memory,
                              fetch,delta,freshness]
              side-by-side  starts the real Eureka server and Cairn in turn, same flags, same scenarios; prints a
                              table with ratios: [--root REPO] [--rounds 1] [--instances 10000] [--jvm "-Xmx2g ..."]
              scale         1,000,000 instances on one node, then ~33,000 renews/s: [--server cairn|eureka]
                              [--instances 1000000] [--rate 33334] [--seconds 60] [--max-register-seconds 300]
              watch         watch fan-out: [--watchers 10000] [--mode poll|sse] [--cluster] [--rounds 20]
              replication   bytes and CPU per heartbeat on 3-node clusters of Cairn and of Eureka: [--rate 2000]
                              [--seconds 20] [--instances 5000]
            """;

    private Main() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h")) {
            System.out.print(USAGE);
            return;
        }
        Args a = new Args(Arrays.copyOfRange(argv, 1, argv.length));
        a.applyCairnSettings();
        int code = switch (argv[0]) {
            case "load" -> load(a);
            case "side-by-side" -> SideBySide.run(a);
            case "scale" -> Scale.run(a);
            case "watch" -> WatchFanout.run(a);
            case "replication" -> Replication.run(a);
            default -> {
                System.err.print(USAGE);
                yield 2;
            }
        };
        System.exit(code);
    }

    private static int load(Args a) {
        Target t = Target.of(a.get("name", "target"), a.get("url", "http://127.0.0.1:8761/eureka/"),
                a.getLong("pid", -1));
        Suite.Options o = new Suite.Options(
                a.getInt("instances", 10_000), a.getInt("per-app", 10), a.getInt("warmup-instances", 4_000),
                a.getInt("concurrency", 64), a.getDouble("heartbeat-seconds", 15), a.getDouble("warmup-seconds", 20),
                a.getDouble("fetch-seconds", 8), a.getInt("fetch-concurrency", 2), a.getInt("delta-instances", 100),
                a.getLong("delta-retention-ms", 60_000), a.getInt("freshness-samples", 5),
                a.getDouble("freshness-timeout-s", 40), Set.copyOf(a.getList("scenarios")));
        System.out.printf("load against %s (pid %d), load average %.2f%n", t.baseUrl(), t.pid(), Proc.loadAverage());
        try (Http http = new Http(Math.max(o.concurrency(), 16))) {
            var figures = new Suite(new Scenarios(http, t, t.pid() > 0 ? new long[] {t.pid()} : new long[0]), o,
                    System.out).run();
            figures.forEach((k, v) -> System.out.printf("%-32s %.3f%n", k, v));
        }
        return 0;
    }
}
