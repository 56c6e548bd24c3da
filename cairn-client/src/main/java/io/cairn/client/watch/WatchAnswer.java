package io.cairn.client.watch;

import io.cairn.client.cache.InstanceChange;
import java.util.List;

/**
 * One answer of Cairn's watch long poll.
 *
 * @param index  the registry index the answer brings the watcher up to
 * @param epoch  the server run the index belongs to
 * @param reset  true if {@code events} hold the whole (matching) registry, to replace the watcher's view
 * @param events the changes after the requested index, oldest first, or the whole registry as ADDED on a reset
 */
public record WatchAnswer(long index, String epoch, boolean reset, List<InstanceChange> events) {
}
