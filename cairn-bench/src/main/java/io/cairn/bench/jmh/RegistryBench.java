package io.cairn.bench.jmh;

import io.cairn.model.InstanceInfo;
import io.cairn.server.registry.Registry;
import io.cairn.server.registry.RenewResult;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The registry's write paths behind the HTTP layer: a heartbeat (renew) of a random registered instance, and a
 * re-registration of one (register path: status rules, lease, change log and watch feed listeners).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseG1GC"})
public class RegistryBench {
    @Param({"100000"})
    public int instances;

    private Registry registry;
    private String[] apps;
    private String[] ids;
    private InstanceInfo[] parsed;
    private long dirty;

    @Setup(Level.Trial)
    public void setUp() {
        registry = Fixtures.registry(instances);
        apps = new String[instances];
        ids = new String[instances];
        for (int i = 0; i < instances; i++) {
            apps[i] = Fixtures.BODIES.app(i);
            ids[i] = Fixtures.BODIES.id(i);
        }
        parsed = new InstanceInfo[1024];
        for (int i = 0; i < parsed.length; i++) {
            parsed[i] = Fixtures.instance(i * (instances / parsed.length));
        }
        dirty = Fixtures.BODIES.lastDirtyTimestamp();
    }

    @Setup(Level.Iteration)
    public void purge() {
        registry.purgeChangeLog();
    }

    @Benchmark
    public RenewResult renew() {
        int i = ThreadLocalRandom.current().nextInt(instances);
        return registry.renew(apps[i], ids[i], false, dirty, null);
    }

    @Benchmark
    public InstanceInfo reRegister() {
        return registry.register(parsed[ThreadLocalRandom.current().nextInt(parsed.length)], false);
    }
}
