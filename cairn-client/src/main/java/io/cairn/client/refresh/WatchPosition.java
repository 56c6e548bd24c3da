package io.cairn.client.refresh;

import io.cairn.client.transport.ServiceEndpoint;
import java.util.OptionalLong;

/**
 * Where a watch resumes: the server whose registry index the cache is at, that index and, once known, the epoch
 * it belongs to. An index only means something on the server (and the run of it) that issued it.
 */
record WatchPosition(ServiceEndpoint server, OptionalLong index, String epoch) {

    /** The next position after an answer of {@code server}. */
    WatchPosition at(long nextIndex, String nextEpoch) {
        return new WatchPosition(server, OptionalLong.of(nextIndex), nextEpoch == null ? epoch : nextEpoch);
    }
}
