package io.cairn.bench.jmh;

import io.cairn.model.codec.EurekaJsonCodec;
import io.cairn.server.cache.Payload;
import io.cairn.server.registry.Registry;
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
 * What a full-registry cache rebuild costs: the snapshot under the registry lock, its serialization to Eureka JSON,
 * and its gzip form (the three steps of {@code PayloadCache} for {@code GET /apps}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseG1GC"})
public class FullRegistryBench {
    @Param({"10000", "100000"})
    public int instances;

    private Registry registry;
    private EurekaJsonCodec json;
    private Registry.Snapshot snapshot;
    private byte[] bytes;

    @Setup(Level.Trial)
    public void setUp() {
        registry = Fixtures.registry(instances);
        json = new EurekaJsonCodec();
        snapshot = registry.snapshot();
        bytes = json.writeApplications(snapshot.applications(), false);
    }

    @Benchmark
    public Registry.Snapshot snapshot() {
        return registry.snapshot();
    }

    @Benchmark
    public byte[] serialize() {
        return json.writeApplications(snapshot.applications(), false);
    }

    @Benchmark
    public byte[] gzip() {
        return Payload.gzip(bytes);
    }

    @Benchmark
    public byte[] rebuild() {
        return json.writeApplications(registry.snapshot().applications(), false);
    }
}
