package io.cairn.it;

import static io.cairn.it.Waiting.soon;
import static io.cairn.it.Waiting.within;
import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.discovery.AbstractDiscoveryClientOptionalArgs;
import com.netflix.discovery.shared.transport.jersey.TransportClientFactories;
import io.cairn.model.ActionType;
import io.cairn.model.InstanceStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.client.RestClientCustomizer;
import org.springframework.boot.web.client.RestTemplateCustomizer;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.netflix.eureka.http.RestClientDiscoveryClientOptionalArgs;
import org.springframework.cloud.netflix.eureka.http.RestClientTransportClientFactories;
import org.springframework.cloud.netflix.eureka.http.RestTemplateDiscoveryClientOptionalArgs;
import org.springframework.cloud.netflix.eureka.http.RestTemplateTransportClientFactories;
import org.springframework.cloud.netflix.eureka.serviceregistry.EurekaRegistration;
import org.springframework.cloud.netflix.eureka.serviceregistry.EurekaServiceRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Two Spring Boot 3 applications with {@code spring-cloud-starter-netflix-eureka-client} (Spring Cloud 2025.0)
 * register with Cairn and find each other through Spring's {@link DiscoveryClient}.
 *
 * <p>Spring Cloud's own transports read with a strict Jackson mapper (an unknown field, a single object instead of an
 * array or a wrong enum spelling fails the whole fetch), unlike the Netflix transport's tolerant reader covered by
 * {@link NetflixDiscoveryClientTest}. Alpha uses this release's default transport, RestTemplate; beta opts in to
 * the newer RestClient transport ({@code eureka.client.restclient.enabled=true}). Jersey is on this
 * module's test classpath for the other test, and with Jersey present and enabled Spring Cloud 2025.0 sets up no
 * transport at all (only its Eureka server supplies one), so both set {@code eureka.client.jersey.enabled=false}.
 *
 * <p>The applications are started once; the tests run in order and the last one stops one of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpringCloudEurekaClientTest {
    private static final String ALPHA = "ALPHA-SERVICE";
    private static final String BETA = "BETA-SERVICE";

    private Cairn cairn;
    private ConfigurableApplicationContext alpha;
    private ConfigurableApplicationContext beta;
    private EurekaCalls alphaCalls;
    private EurekaCalls betaCalls;

    /**
     * A web application with nothing but auto-configuration (no component scan, so the two stay apart) and a recorder
     * on Spring's RestTemplate and RestClient builders, which Spring Cloud's Eureka transports are built from.
     */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ServiceApplication {
        @Bean
        EurekaCalls eurekaCalls() {
            return new EurekaCalls();
        }

        @Bean
        RestTemplateCustomizer recordEurekaCallsOfRestTemplates(EurekaCalls calls) {
            return restTemplate -> restTemplate.getInterceptors().add(calls);
        }

        @Bean
        RestClientCustomizer recordEurekaCallsOfRestClients(EurekaCalls calls) {
            return builder -> builder.requestInterceptor(calls);
        }
    }

    /** Every request an application's Eureka transport made, with the status it got, in order. */
    static final class EurekaCalls implements ClientHttpRequestInterceptor {
        record Call(String method, String path, int status) {
        }

        private final List<Call> calls = new CopyOnWriteArrayList<>();

        @Override
        public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
                throws IOException {
            ClientHttpResponse response = execution.execute(request, body);
            // Normalised: how the service URL and "apps/" are joined (one slash or two) is not the point here.
            String path = request.getURI().getPath().replaceAll("/{2,}", "/");
            calls.add(new Call(request.getMethod().name(), path, response.getStatusCode().value()));
            return response;
        }

        /** The registry fetches (full and delta), from the first delta on. */
        List<Call> fetchesFromFirstDelta() {
            List<Call> fetches = calls.stream().filter(c -> c.method().equals("GET")
                    && (c.path().equals("/eureka/apps/") || c.path().equals("/eureka/apps/delta"))).toList();
            for (int i = 0; i < fetches.size(); i++) {
                if (fetches.get(i).path().endsWith("/delta")) {
                    return fetches.subList(i, fetches.size());
                }
            }
            return List.of();
        }
    }

    @BeforeAll
    void startCairnAndTwoApplications() {
        cairn = Cairn.start();
        alpha = run("alpha-service", "alpha-1", false);
        beta = run("beta-service", "beta-1", true);
        alphaCalls = alpha.getBean(EurekaCalls.class);
        betaCalls = beta.getBean(EurekaCalls.class);
    }

    @AfterAll
    void stopEverything() {
        if (beta != null) {
            beta.close();
        }
        if (alpha != null) {
            alpha.close();
        }
        if (cairn != null) {
            cairn.close();
        }
    }

    @Test
    @Order(1)
    @SuppressWarnings({"deprecation", "removal"}) // RestTemplate is still this release's default transport.
    void theApplicationsUseSpringCloudsOwnStrictTransports() {
        assertThat(alpha.getBean(AbstractDiscoveryClientOptionalArgs.class))
                .isInstanceOf(RestTemplateDiscoveryClientOptionalArgs.class);
        assertThat(alpha.getBean(TransportClientFactories.class))
                .isInstanceOf(RestTemplateTransportClientFactories.class);
        assertThat(beta.getBean(AbstractDiscoveryClientOptionalArgs.class))
                .isInstanceOf(RestClientDiscoveryClientOptionalArgs.class);
        assertThat(beta.getBean(TransportClientFactories.class))
                .isInstanceOf(RestClientTransportClientFactories.class);
    }

    @Test
    @Order(2)
    void eachApplicationRegistersWithCairnAsSoonAsItsWebServerIsUp() {
        var a = soon().until(() -> cairn.instance(ALPHA, "alpha-1"),
                i -> i.isPresent() && i.get().status() == InstanceStatus.UP).orElseThrow();
        var b = soon().until(() -> cairn.instance(BETA, "beta-1"),
                i -> i.isPresent() && i.get().status() == InstanceStatus.UP).orElseThrow();

        assertThat(a.port()).isEqualTo(port(alpha));
        assertThat(b.port()).isEqualTo(port(beta));
        assertThat(b.ipAddr()).isEqualTo("127.0.0.1");
        assertThat(b.vipAddress()).isEqualTo("beta-service");
        assertThat(a.metadata()).containsEntry("zone", "zone-alpha-service");
        assertThat(b.metadata()).containsEntry("zone", "zone-beta-service");
    }

    @Test
    @Order(3)
    void eachApplicationFindsTheOtherThroughSpringsDiscoveryClient() {
        ServiceInstance foundBeta = awaitOne(alpha, "beta-service");
        assertThat(foundBeta.getInstanceId()).isEqualTo("beta-1");
        assertThat(foundBeta.getHost()).isEqualTo("127.0.0.1");
        assertThat(foundBeta.getPort()).isEqualTo(port(beta));
        assertThat(foundBeta.getUri().toString()).isEqualTo("http://127.0.0.1:" + port(beta));
        assertThat(foundBeta.getMetadata()).containsEntry("zone", "zone-beta-service");

        ServiceInstance foundAlpha = awaitOne(beta, "alpha-service");
        assertThat(foundAlpha.getInstanceId()).isEqualTo("alpha-1");
        assertThat(foundAlpha.getPort()).isEqualTo(port(alpha));
        assertThat(foundAlpha.getMetadata()).containsEntry("zone", "zone-alpha-service");

        assertThat(alpha.getBean(DiscoveryClient.class).getServices()).contains("alpha-service", "beta-service");
    }

    @Test
    @Order(4)
    void theServiceRegistryEndpointsStatusOverrideAndItsCancellationWork() {
        // What /actuator/service-registry does: PUT …/status?value=OUT_OF_SERVICE, then DELETE …/status.
        EurekaServiceRegistry registry = beta.getBean(EurekaServiceRegistry.class);
        EurekaRegistration registration = beta.getBean(EurekaRegistration.class);
        awaitOne(alpha, "beta-service");

        registry.setStatus(registration, "OUT_OF_SERVICE");
        soon().until(() -> cairn.instance(BETA, "beta-1")
                .map(i -> i.status() == InstanceStatus.OUT_OF_SERVICE).orElse(false));
        // Only UP instances are handed out.
        soon().until(() -> alpha.getBean(DiscoveryClient.class).getInstances("beta-service").isEmpty());
        assertThat(registry.getStatus(registration)).asString().contains("OUT_OF_SERVICE");

        registry.setStatus(registration, "CANCEL_OVERRIDE");
        // UNKNOWN until beta's next heartbeat is refused with 404 and it registers again as UP.
        soon().until(() -> cairn.instance(BETA, "beta-1")
                .map(i -> i.status() == InstanceStatus.UP).orElse(false));
        assertThat(cairn.statusHistoryOf("beta-1")).containsSubsequence(
                InstanceStatus.OUT_OF_SERVICE, InstanceStatus.UNKNOWN, InstanceStatus.UP);
        awaitOne(alpha, "beta-service");
    }

    @Test
    @Order(5)
    void theStrictReadersTakeEveryDeltaWithoutFallingBackToAFullFetch() {
        for (EurekaCalls calls : List.of(alphaCalls, betaCalls)) {
            soon().until(() -> calls.fetchesFromFirstDelta().size() >= 3);
            // A client asks for deltas as soon as its registry is not empty; from then on, a full fetch would only
            // follow a delta it could not read or whose apps__hashcode did not match what it rebuilt from it. The
            // deltas covered registrations, a status override, its removal and the re-registration that follows.
            assertThat(calls.fetchesFromFirstDelta()).as("registry fetches from the first delta on: %s", calls.calls)
                    .allSatisfy(c -> {
                        assertThat(c.path()).isEqualTo("/eureka/apps/delta");
                        assertThat(c.status()).isEqualTo(200);
                    });
        }
        // Registration went through the status codes the client requires.
        assertThat(betaCalls.calls).anySatisfy(c -> {
            assertThat(c.method()).isEqualTo("POST");
            assertThat(c.path()).isEqualTo("/eureka/apps/BETA-SERVICE");
            assertThat(c.status()).isEqualTo(204);
        });
    }

    @Test
    @Order(6)
    void closingAnApplicationCancelsItsRegistration() {
        awaitOne(alpha, "beta-service");

        beta.close();
        beta = null;

        // Well within beta's 5 s lease: this is the cancel, not an eviction.
        within(Duration.ofSeconds(3)).until(() -> cairn.instance(BETA, "beta-1").isEmpty());
        assertThat(cairn.actionsOf("beta-1")).last().isEqualTo(ActionType.DELETED);
        soon().until(() -> alpha.getBean(DiscoveryClient.class).getInstances("beta-service").isEmpty());
        assertThat(cairn.instance(ALPHA, "alpha-1")).isPresent();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private ConfigurableApplicationContext run(String name, String instanceId, boolean restClient) {
        return new SpringApplicationBuilder(ServiceApplication.class).run(
                "--spring.application.name=" + name,
                "--spring.main.banner-mode=off",
                "--spring.jmx.enabled=false",
                "--server.address=127.0.0.1",
                "--server.port=0",
                "--eureka.client.service-url.defaultZone=" + cairn.serviceUrl(),
                "--eureka.client.jersey.enabled=false",
                "--eureka.client.restclient.enabled=" + restClient,
                "--eureka.client.registry-fetch-interval-seconds=1",
                "--eureka.client.instance-info-replication-interval-seconds=1",
                "--eureka.client.initial-instance-info-replication-interval-seconds=1",
                "--eureka.instance.lease-renewal-interval-in-seconds=1",
                "--eureka.instance.lease-expiration-duration-in-seconds=5",
                "--eureka.instance.instance-id=" + instanceId,
                "--eureka.instance.prefer-ip-address=true",
                "--eureka.instance.ip-address=127.0.0.1",
                "--eureka.instance.metadata-map.zone=zone-" + name,
                "--logging.level.root=WARN");
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private static ServiceInstance awaitOne(ConfigurableApplicationContext app, String serviceId) {
        DiscoveryClient discovery = app.getBean(DiscoveryClient.class);
        List<ServiceInstance> found = soon().until(() -> discovery.getInstances(serviceId), l -> !l.isEmpty());
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
