package io.cairn.server.watch;

/**
 * A held watch of either kind. Watchers at the same index with the same filter are due the very same bytes, so they
 * are kept together in a {@link Cohort}; a watcher knows its cohort so that it can leave it in constant time.
 */
abstract class Watcher {
    final WatchFilter filter;
    /** The cohort this watcher is parked in, or null once it is answered, dropped or gone. */
    Cohort<?> cohort;
    private Runnable release = () -> { };
    private boolean released;

    Watcher(WatchFilter filter) {
        this.filter = filter;
    }

    /** What to do once, when this watcher is done: give its slot back to its client address's allowance. */
    void onRelease(Runnable r) {
        this.release = r;
    }

    void release() {
        if (!released) {
            released = true;
            release.run();
        }
    }
}
