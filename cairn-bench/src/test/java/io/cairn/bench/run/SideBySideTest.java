package io.cairn.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SideBySideTest {
    @Test
    void medianIgnoresMissingFigures() {
        assertThat(SideBySide.median(Arrays.asList(3.0, null, 1.0, Double.NaN, 2.0))).isEqualTo(2.0);
        assertThat(SideBySide.median(List.of(1.0, 4.0))).isEqualTo(2.5);
        assertThat(SideBySide.median(List.of())).isNaN();
    }

    @Test
    void theTableGivesTheRatioAndJudgesTheTarget() {
        String t = SideBySide.table(Map.of(
                "eureka", List.of(Map.of("heartbeat.cpu_us", 200.0)),
                "cairn", List.of(Map.of("heartbeat.cpu_us", 10.0))), 1);
        assertThat(t).contains("| Heartbeat: server CPU per renew (us) | 200.0 | 10.0 | 0.050 | ratio <= 0.10 | yes |");
    }

    @Test
    void argsTakeBothForms() {
        Args a = new Args(new String[] {"--instances", "1_000", "--rate=2.5", "--cluster", "--servers", "cairn,eureka"});
        assertThat(a.getInt("instances", 0)).isEqualTo(1000);
        assertThat(a.getDouble("rate", 0)).isEqualTo(2.5);
        assertThat(a.getBool("cluster")).isTrue();
        assertThat(a.getList("servers")).containsExactly("cairn", "eureka");
    }
}
