package io.cairn.server.registry;

/**
 * What self-preservation sees at one moment, for the dashboard and metrics.
 *
 * @param enabled             whether self-preservation is configured on
 * @param expectedClients     Eureka's {@code expectedNumberOfClientsSendingRenews}
 * @param renewsThreshold     renewals per minute needed to keep expiring leases
 * @param renewsLastMinute    renewals counted in the last complete minute
 * @param active              whether leases are currently not being expired
 */
public record SelfPreservationState(boolean enabled, int expectedClients, int renewsThreshold, long renewsLastMinute,
                                    boolean active) {
}
