package io.cairn.bench.jmh;

import io.cairn.model.InstanceInfo;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The Eureka JSON codec on one register body (about 1 KB, Spring Cloud's shape): decode and encode. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-XX:+UseG1GC"})
public class JsonCodecBench {
    private byte[] body;
    private InstanceInfo instance;

    @Setup
    public void setUp() {
        body = Fixtures.BODIES.register(4242);
        instance = Fixtures.JSON.readInstance(body);
    }

    @Benchmark
    public InstanceInfo readInstance() {
        return Fixtures.JSON.readInstance(body);
    }

    @Benchmark
    public byte[] writeInstance() {
        return Fixtures.JSON.writeInstance(instance);
    }
}
