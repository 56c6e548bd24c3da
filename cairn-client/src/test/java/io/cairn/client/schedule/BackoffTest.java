package io.cairn.client.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
    /** A generator whose jitter is always 0: the delays are the lower bounds. */
    private static final RandomGenerator NO_JITTER = () -> 0L;

    @Test
    void delaysDoubleUpToTheCapAndHalfOfEachIsJitter() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), NO_JITTER);
        assertThat(b.next()).isEqualTo(Duration.ofMillis(500));
        assertThat(b.next()).isEqualTo(Duration.ofMillis(1000));
        assertThat(b.next()).isEqualTo(Duration.ofMillis(2000));
        assertThat(b.next()).isEqualTo(Duration.ofMillis(4000));
        assertThat(b.next()).isEqualTo(Duration.ofMillis(8000));
        assertThat(b.next()).isEqualTo(Duration.ofMillis(15000));
        assertThat(b.next()).isEqualTo(Duration.ofMillis(15000));
        assertThat(b.failures()).isEqualTo(7);
        assertThat(b.ceilingMillis(1000)).isEqualTo(30_000);
    }

    @Test
    void jitterStaysWithinTheUpperHalf() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new Random(7));
        for (int n = 1; n <= 12; n++) {
            long ceiling = b.ceilingMillis(n);
            long d = b.next().toMillis();
            assertThat(d).isBetween(ceiling - ceiling / 2, ceiling);
        }
    }

    @Test
    void aSuccessStartsOver() {
        Backoff b = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(60), NO_JITTER);
        b.next();
        b.next();
        b.next();
        b.reset();
        assertThat(b.next()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void nonsenseBoundsAreRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), NO_JITTER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), NO_JITTER))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
