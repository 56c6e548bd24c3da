package io.cairn.server.cluster;

/**
 * What this node knows of one peer, for the admin endpoint and logs.
 *
 * @param kind           CAIRN once the peer has answered like Cairn, EUREKA once it answered like Eureka, else UNKNOWN
 * @param healthy        whether the last exchange with the peer succeeded
 * @param pending        operations waiting to be sent
 * @param lastSuccess    epoch ms of the last successful exchange, 0 if none
 * @param lastFailure    epoch ms of the last failed exchange, 0 if none
 * @param lastError      why the last exchange failed, or null
 * @param sent           operations delivered
 * @param failed         failed exchanges
 * @param dropped        operations dropped (queue overflow, expiry, or refused by the peer)
 * @param bytesSent      request bytes sent to the peer
 * @param exchanges      replication round trips (batches and renewal digests) that got an answer
 * @param exchangeNanos  the total time of those round trips, for the replication latency
 */
public record PeerState(String url, String kind, boolean healthy, int pending, long lastSuccess, long lastFailure,
                        String lastError, long sent, long failed, long dropped, long bytesSent, long exchanges,
                        long exchangeNanos) {
}
