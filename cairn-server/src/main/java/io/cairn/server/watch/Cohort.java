package io.cairn.server.watch;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The watchers of one event loop that are at the same registry index with the same filter. A change is looked up,
 * filtered and serialized once per cohort, not once per watcher, and the same bytes go to every member.
 */
final class Cohort<W extends Watcher> {
    /** Where a cohort stands: everything up to {@code index} that matches {@code filter} has been sent. */
    record Key(long index, WatchFilter filter) {
    }

    Key key;
    final Set<W> members = new LinkedHashSet<>();

    Cohort(Key key) {
        this.key = key;
    }
}
