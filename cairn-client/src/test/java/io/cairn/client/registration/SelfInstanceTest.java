package io.cairn.client.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.client.support.FakeClock;
import io.cairn.client.support.Samples;
import io.cairn.model.InstanceStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelfInstanceTest {
    private final FakeClock clock = new FakeClock();
    private final SelfInstance self = new SelfInstance(Samples.instance("me", "me-1", InstanceStatus.UP), clock);

    @Test
    void aFailingHealthCheckTurnsUpIntoDownOnly() {
        assertThat(self.setHealthy(false)).isTrue();
        assertThat(self.current().status()).isEqualTo(InstanceStatus.DOWN);
        assertThat(self.setStatus(InstanceStatus.OUT_OF_SERVICE)).isTrue();
        assertThat(self.current().status()).isEqualTo(InstanceStatus.OUT_OF_SERVICE);
        assertThat(self.setHealthy(true)).isFalse();
        assertThat(self.setStatus(InstanceStatus.UP)).isTrue();
        assertThat(self.current().status()).isEqualTo(InstanceStatus.UP);
        assertThat(self.setStatus(InstanceStatus.STARTING)).isTrue();
        assertThat(self.setHealthy(false)).isFalse();
        assertThat(self.effectiveStatus()).isEqualTo(InstanceStatus.STARTING);
    }

    @Test
    void everyChangeMovesTheDirtyTimestampAndNeedsARegistration() {
        SelfInstance.Snapshot first = self.snapshot();
        assertThat(self.isDirty()).isTrue();
        self.accepted(first.version());
        assertThat(self.isDirty()).isFalse();
        assertThat(self.isRegistered()).isTrue();

        clock.advance(Duration.ofSeconds(5));
        assertThat(self.setStatus(InstanceStatus.UP)).isFalse();
        assertThat(self.isDirty()).isFalse();
        assertThat(self.setStatus(InstanceStatus.DOWN)).isTrue();
        SelfInstance.Snapshot second = self.snapshot();
        assertThat(second.info().lastDirtyTimestamp()).isEqualTo(clock.millis());
        assertThat(self.isDirty()).isTrue();
        // The server accepting an older state does not clear a newer change.
        self.accepted(first.version());
        assertThat(self.isDirty()).isTrue();
        self.accepted(second.version());
        assertThat(self.isDirty()).isFalse();
        self.forgotten();
        assertThat(self.isDirty()).isTrue();
        assertThat(self.isRegistered()).isFalse();
    }

    @Test
    void changesWithinOneMillisecondStillOrder() {
        self.setStatus(InstanceStatus.DOWN);
        long t1 = self.current().lastDirtyTimestamp();
        self.setStatus(InstanceStatus.UP);
        assertThat(self.current().lastDirtyTimestamp()).isGreaterThan(t1);
    }

    @Test
    void metadataIsMergedAndNullRemoves() {
        assertThat(self.putMetadata(Map.of("a", "1", "b", "2"))).isTrue();
        assertThat(self.putMetadata(Map.of("a", "1"))).isFalse();
        Map<String, String> m = new HashMap<>();
        m.put("a", null);
        m.put("c", "3");
        assertThat(self.putMetadata(m)).isTrue();
        assertThat(self.current().metadata()).containsOnly(Map.entry("b", "2"), Map.entry("c", "3"));
    }
}
