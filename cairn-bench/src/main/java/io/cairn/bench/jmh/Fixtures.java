package io.cairn.bench.jmh;

import io.cairn.bench.load.Bodies;
import io.cairn.model.InstanceInfo;
import io.cairn.model.codec.EurekaJsonCodec;
import io.cairn.server.config.CairnConfig;
import io.cairn.server.config.ConfigLoader;
import io.cairn.server.registry.Registry;
import java.time.Clock;
import java.util.Map;

/** A registry filled the way the load generator fills a server: apps of 10, the same 1 KB register bodies. */
final class Fixtures {
    static final Bodies BODIES = new Bodies("SVC", 10, 90);
    static final EurekaJsonCodec JSON = new EurekaJsonCodec();

    private Fixtures() {
    }

    static CairnConfig config() {
        try {
            // A short delta window, purged by the benchmarks, so that millions of benchmarked changes do not pile up.
            return ConfigLoader.load(null, Map.of(), Map.of(),
                    Map.of("eureka.server.enable-self-preservation", "false",
                            "eureka.server.retention-time-in-m-s-in-delta-queue", "1")).config();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Registry registry(int instances) {
        Registry r = new Registry(config(), Clock.systemUTC());
        for (int i = 0; i < instances; i++) {
            r.register(instance(i), false);
        }
        return r;
    }

    static InstanceInfo instance(int i) {
        return JSON.readInstance(BODIES.register(i));
    }
}
