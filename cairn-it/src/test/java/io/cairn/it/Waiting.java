package io.cairn.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.awaitility.core.ConditionFactory;

/** Polling with deadlines instead of sleeping: every wait says how long the behaviour may take at most. */
final class Waiting {
    private Waiting() {
    }

    /**
     * For something that takes a couple of client cycles (1 s each here): a registration, a fetch that sees it. Ten
     * seconds leaves ample room for a slow, shared build machine.
     */
    static ConditionFactory soon() {
        return within(Duration.ofSeconds(10));
    }

    static ConditionFactory within(Duration atMost) {
        return await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50));
    }
}
