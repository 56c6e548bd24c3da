package io.cairn.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RenewalMeterTest {
    @Test
    void reportsThePreviousCompleteMinute() {
        RenewalMeter m = new RenewalMeter(0);
        m.increment(1_000);
        m.increment(59_999);
        assertThat(m.lastMinute(59_999)).isZero();
        assertThat(m.lastMinute(60_000)).isEqualTo(2);
        m.increment(61_000);
        assertThat(m.lastMinute(119_999)).isEqualTo(2);
        assertThat(m.lastMinute(120_000)).isEqualTo(1);
    }

    @Test
    void aSilentMinuteCountsAsZero() {
        RenewalMeter m = new RenewalMeter(0);
        m.increment(1_000);
        assertThat(m.lastMinute(130_000)).isZero();
    }
}
