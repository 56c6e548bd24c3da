package io.cairn.client.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.client.support.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final FakeClock clock = new FakeClock();

    @Test
    void eurekasLimitBurstOfTwoThenFourAMinute() {
        TokenBucket b = new TokenBucket(clock, 2, 4);
        assertThat(b.tryAcquire()).isTrue();
        assertThat(b.tryAcquire()).isTrue();
        assertThat(b.tryAcquire()).isFalse();
        assertThat(b.untilAvailable()).isEqualTo(Duration.ofSeconds(15));
        clock.advance(Duration.ofSeconds(14));
        assertThat(b.tryAcquire()).isFalse();
        assertThat(b.untilAvailable()).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(b.untilAvailable()).isZero();
        assertThat(b.tryAcquire()).isTrue();
        assertThat(b.tryAcquire()).isFalse();
    }

    @Test
    void tokensDoNotPileUpBeyondTheBurst() {
        TokenBucket b = new TokenBucket(clock, 2, 4);
        clock.advance(Duration.ofHours(1));
        assertThat(b.tryAcquire()).isTrue();
        assertThat(b.tryAcquire()).isTrue();
        assertThat(b.tryAcquire()).isFalse();
    }

    @Test
    void aClockGoingBackwardsGivesNothing() {
        TokenBucket b = new TokenBucket(clock, 1, 60);
        assertThat(b.tryAcquire()).isTrue();
        clock.advance(Duration.ofSeconds(-10));
        assertThat(b.tryAcquire()).isFalse();
    }
}
