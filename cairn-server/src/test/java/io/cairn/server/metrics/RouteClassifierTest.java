package io.cairn.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteClassifierTest {
    private final RouteClassifier routes = new RouteClassifier("/eureka");

    @Test
    void namesEurekaEndpointsByTemplateNotByApplicationOrInstance() {
        assertThat(routes.route("/eureka/apps")).isEqualTo("/eureka/apps");
        assertThat(routes.route("/eureka/apps/")).isEqualTo("/eureka/apps");
        assertThat(routes.route("/eureka/apps/delta")).isEqualTo("/eureka/apps/delta");
        assertThat(routes.route("/eureka/apps/ORDERS")).isEqualTo("/eureka/apps/{app}");
        assertThat(routes.route("/eureka/apps/ORDERS/orders-1")).isEqualTo("/eureka/apps/{app}/{id}");
        assertThat(routes.route("/eureka/apps/ORDERS/orders-1/status")).isEqualTo("/eureka/apps/{app}/{id}/status");
        assertThat(routes.route("/eureka/apps/ORDERS/orders-1/metadata"))
                .isEqualTo("/eureka/apps/{app}/{id}/metadata");
        assertThat(routes.route("/eureka/instances/orders-1")).isEqualTo("/eureka/instances/{id}");
        assertThat(routes.route("/eureka/vips/orders")).isEqualTo("/eureka/vips/{vip}");
        assertThat(routes.route("/eureka/peerreplication/batch/")).isEqualTo("/eureka/peerreplication/batch");
        assertThat(routes.route("/eureka/watch")).isEqualTo("/eureka/watch");
        assertThat(routes.route("/eureka/events")).isEqualTo("/eureka/events");
    }

    @Test
    void dropsTheVersionSegmentAsTheApiDoes() {
        assertThat(routes.route("/eureka/v2/apps/ORDERS/orders-1")).isEqualTo("/eureka/apps/{app}/{id}");
    }

    @Test
    void namesOperationsEndpoints() {
        assertThat(routes.route("/")).isEqualTo("/");
        assertThat(routes.route("/metrics")).isEqualTo("/metrics");
        assertThat(routes.route("/dashboard/app.js")).isEqualTo("/dashboard/{asset}");
        assertThat(routes.route("/admin/apps/ORDERS/orders-1/status")).isEqualTo("/admin/apps/{app}/{id}/status");
        assertThat(routes.route("/prometheus/targets")).isEqualTo("/prometheus/targets");
    }

    @Test
    void putsEverythingUnknownInOneSeriesSoThatScannersCannotMultiplySeries() {
        assertThat(routes.route("/wp-admin/setup.php")).isEqualTo("other");
        assertThat(routes.route("/eureka/apps/A/B/C/D")).isEqualTo("other");
        assertThat(routes.route("/eurekax/apps")).isEqualTo("other");
        assertThat(routes.route("/eureka/nope")).isEqualTo("other");
        assertThat(routes.route("/eureka/serverinfo/whatever")).isEqualTo("other");
    }

    @Test
    void worksWithAnEmptyBasePath() {
        RouteClassifier root = new RouteClassifier("");
        assertThat(root.route("/apps/ORDERS")).isEqualTo("/apps/{app}");
        assertThat(root.route("/metrics")).isEqualTo("/metrics");
    }
}
