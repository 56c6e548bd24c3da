package io.cairn.client;

import java.time.Instant;

/**
 * What a {@link CairnClient} has done so far, for monitoring and tests.
 *
 * @param registered          the server holds this instance's registration, as far as the client knows
 * @param registrations       registrations the server accepted (the first one, re-registrations, status pushes)
 * @param heartbeats          heartbeats the server accepted
 * @param lastHeartbeat       when the last heartbeat succeeded; null if none has
 * @param instances           instances in the registry cache (any status)
 * @param registryFromFile    the cache holds what the cache file had; no server has answered yet
 * @param registryStale       the last attempt to refresh the cache failed; it serves its last good state
 * @param registryConfirmedAt when a server last confirmed the cache; null if never
 * @param watching            changes arrive through Cairn's watch API rather than by polling deltas
 * @param fullFetches         full registry fetches so far
 * @param deltaFetches        delta fetches so far
 * @param watchAnswers        watch answers received so far
 */
public record ClientStats(
        boolean registered,
        long registrations,
        long heartbeats,
        Instant lastHeartbeat,
        int instances,
        boolean registryFromFile,
        boolean registryStale,
        Instant registryConfirmedAt,
        boolean watching,
        long fullFetches,
        long deltaFetches,
        long watchAnswers) {
}
