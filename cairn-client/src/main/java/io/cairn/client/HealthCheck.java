package io.cairn.client;

/**
 * The application's own health, asked every health-check interval. While it says unhealthy (or throws), the
 * instance is registered DOWN instead of UP; it never overrides STARTING or OUT_OF_SERVICE set by the application.
 * Called on the client's registration thread: it should answer quickly.
 */
@FunctionalInterface
public interface HealthCheck {

    /** True if the instance can take traffic. */
    boolean isHealthy();
}
