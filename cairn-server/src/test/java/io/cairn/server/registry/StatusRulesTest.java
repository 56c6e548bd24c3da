package io.cairn.server.registry;

import static io.cairn.model.InstanceStatus.DOWN;
import static io.cairn.model.InstanceStatus.OUT_OF_SERVICE;
import static io.cairn.model.InstanceStatus.STARTING;
import static io.cairn.model.InstanceStatus.UNKNOWN;
import static io.cairn.model.InstanceStatus.UP;
import static io.cairn.server.registry.Instances.instance;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.model.InstanceStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The register-outcome table of the Eureka protocol notes, section 5.7, row by row. */
class StatusRulesTest {

    @ParameterizedTest(name = "{0} with override {1}, stored {2}, replication {3} -> {4}")
    @CsvSource(nullValues = "-", value = {
            // incoming, override, existing, replication, effective
            "DOWN, OUT_OF_SERVICE, UP, false, DOWN",
            "STARTING, -, UP, false, STARTING",
            "UNKNOWN, UP, -, true, UNKNOWN",
            "UP, OUT_OF_SERVICE, UP, false, OUT_OF_SERVICE",
            "OUT_OF_SERVICE, UP, -, true, UP",
            "OUT_OF_SERVICE, -, UP, false, UP",
            "UP, -, OUT_OF_SERVICE, false, OUT_OF_SERVICE",
            "UP, -, -, false, UP",
            "UP, -, DOWN, false, UP",
            "OUT_OF_SERVICE, -, STARTING, false, OUT_OF_SERVICE",
            "UP, -, OUT_OF_SERVICE, true, UP",
            "OUT_OF_SERVICE, -, UP, true, OUT_OF_SERVICE",
    })
    void effectiveStatus(InstanceStatus incoming, InstanceStatus override, InstanceStatus existing,
                         boolean replication, InstanceStatus expected) {
        assertThat(StatusRules.effectiveStatus(instance("a", "1").status(incoming).build(), override, existing,
                replication)).isEqualTo(expected);
    }

    @SuppressWarnings("unused")
    private static final InstanceStatus[] ALL = {UP, DOWN, STARTING, OUT_OF_SERVICE, UNKNOWN};
}
