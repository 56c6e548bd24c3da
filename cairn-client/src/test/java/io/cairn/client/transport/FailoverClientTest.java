package io.cairn.client.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.client.support.FakeClock;
import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FailoverClientTest {
    private final FakeClock clock = new FakeClock();
    private final List<ServiceEndpoint> servers = List.of(
            ServiceEndpoint.parse("z", "http://s1/eureka/"),
            ServiceEndpoint.parse("z", "http://s2/eureka/"),
            ServiceEndpoint.parse("z", "http://s3/eureka/"),
            ServiceEndpoint.parse("z", "http://s4/eureka/"));
    /** Status per host; 0 means connection refused. */
    private final Map<String, Integer> answers = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final Exchange exchange = (e, req) -> {
        calls.add(e.baseUri().getHost());
        int s = answers.getOrDefault(e.baseUri().getHost(), 200);
        if (s == 0) {
            throw new ConnectException("refused");
        }
        return new Reply(e, s, new byte[0], OptionalLong.empty());
    };
    private final FailoverClient client = new FailoverClient(servers, exchange,
            new Quarantine(clock, Duration.ofSeconds(60)), 3);

    private Reply call() {
        return client.execute("test", e -> HttpRequest.newBuilder(e.resolve("apps/")).build(), s -> s == 200);
    }

    @Test
    void aDeadFirstServerIsSkippedAndThenQuarantined() {
        answers.put("s1", 0);
        assertThat(call().endpoint().baseUri().getHost()).isEqualTo("s2");
        assertThat(calls).containsExactly("s1", "s2");
        calls.clear();
        call();
        assertThat(calls).containsExactly("s2");
    }

    @Test
    void aServerErrorCountsAsAFailureButAnAcceptedStatusDoesNot() {
        answers.put("s1", 503);
        answers.put("s2", 404);
        Reply r = client.execute("test", e -> HttpRequest.newBuilder(e.resolve("x")).build(), s -> s < 500);
        assertThat(r.status()).isEqualTo(404);
        assertThat(calls).containsExactly("s1", "s2");
    }

    @Test
    void quarantineEndsAfterItsDuration() {
        answers.put("s1", 0);
        call();
        answers.remove("s1");
        clock.advance(Duration.ofSeconds(59));
        calls.clear();
        call();
        assertThat(calls).containsExactly("s2");
        clock.advance(Duration.ofSeconds(1));
        calls.clear();
        call();
        assertThat(calls).containsExactly("s1");
    }

    @Test
    void aCallTriesAtMostThreeServersAndNamesTheFailures() {
        answers.put("s1", 0);
        answers.put("s2", 500);
        answers.put("s3", 0);
        assertThatThrownBy(this::call).isInstanceOf(TransportException.class)
                .hasMessageContaining("s1").hasMessageContaining("s2/eureka/ answered 500").hasMessageContaining("s3");
        assertThat(calls).containsExactly("s1", "s2", "s3");
        calls.clear();
        assertThat(call().endpoint().baseUri().getHost()).isEqualTo("s4");
        assertThat(calls).containsExactly("s4");
    }

    @Test
    void whenEveryServerIsQuarantinedTheyAreTriedAnywayOldestQuarantineFirst() {
        answers.put("s1", 0);
        answers.put("s2", 0);
        answers.put("s3", 0);
        answers.put("s4", 0);
        assertThatThrownBy(this::call).isInstanceOf(TransportException.class);
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(this::call).isInstanceOf(TransportException.class);
        answers.clear();
        calls.clear();
        clock.advance(Duration.ofSeconds(1));
        assertThat(client.candidates()).extracting(e -> e.baseUri().getHost()).containsExactly("s1", "s2", "s3", "s4");
        assertThat(call().endpoint().baseUri().getHost()).isEqualTo("s1");
    }

    @Test
    void anInterruptIsKept() {
        Exchange interrupted = (e, r) -> {
            throw new InterruptedException();
        };
        FailoverClient c = new FailoverClient(servers, interrupted, new Quarantine(clock, Duration.ofSeconds(1)), 3);
        try {
            assertThatThrownBy(() -> c.execute("x", e -> HttpRequest.newBuilder(e.resolve("x")).build(), s -> true))
                    .isInstanceOf(TransportException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
