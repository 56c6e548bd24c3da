package io.cairn.client.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EndpointOrderTest {
    private static final Map<String, List<String>> URLS = new LinkedHashMap<>();

    static {
        URLS.put("a", List.of("http://a1/eureka/", "http://a2/eureka/", "http://a3/eureka/"));
        URLS.put("b", List.of("http://b1/eureka/", "http://b2/eureka/"));
        URLS.put("c", List.of("http://c1/eureka/"));
    }

    private static List<String> zones(List<ServiceEndpoint> l) {
        return l.stream().map(ServiceEndpoint::zone).toList();
    }

    @Test
    void ownZoneFirstThenTheFollowingZonesWrappingAround() {
        List<ServiceEndpoint> order = EndpointOrder.order(URLS, List.of("a", "b", "c"), "b", true, new Random(1));
        assertThat(zones(order)).containsExactly("b", "b", "c", "a", "a", "a");
    }

    @Test
    void withoutZonePreferenceTheZoneOrderIsKept() {
        List<ServiceEndpoint> order = EndpointOrder.order(URLS, List.of("a", "b", "c"), "b", false, new Random(1));
        assertThat(zones(order)).containsExactly("a", "a", "a", "b", "b", "c");
    }

    @Test
    void zonesMissingFromTheAvailabilityListComeLastUnlessOwn() {
        assertThat(zones(EndpointOrder.order(URLS, List.of("c"), "a", true, new Random(1))))
                .containsExactly("a", "a", "a", "c", "b", "b");
        assertThat(zones(EndpointOrder.order(URLS, List.of("c"), "x", true, new Random(1))))
                .containsExactly("c", "a", "a", "a", "b", "b");
    }

    @Test
    void serversOfAZoneAreShuffledPerClient() {
        Set<String> firsts = new HashSet<>();
        for (int seed = 0; seed < 50; seed++) {
            List<ServiceEndpoint> order = EndpointOrder.order(URLS, List.of("a", "b", "c"), "a", true, new Random(seed));
            assertThat(order).hasSize(6);
            assertThat(zones(order).subList(0, 3)).containsOnly("a");
            firsts.add(order.get(0).baseUri().getHost());
        }
        assertThat(firsts).containsExactlyInAnyOrder("a1", "a2", "a3");
    }

    @Test
    void duplicateUrlsAreTriedOnce() {
        Map<String, List<String>> urls = Map.of("z", List.of("http://h/eureka/", "http://h/eureka", "http://u:p@h/eureka/"));
        assertThat(EndpointOrder.order(urls, List.of("z"), "z", true, new Random(1))).hasSize(1);
    }
}
