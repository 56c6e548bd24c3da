package io.cairn.server.watch;

import io.cairn.server.registry.Change;
import java.nio.charset.StandardCharsets;

/**
 * One change as watchers receive it. Its JSON event and its server-sent-event frame are serialized once, on first
 * use, and then shared by every watcher it goes to.
 */
final class FeedEntry {
    private final Change change;
    private final EventWriter writer;
    private volatile byte[] json;
    private volatile byte[] sseFrame;

    FeedEntry(Change change, EventWriter writer) {
        this.change = change;
        this.writer = writer;
    }

    Change change() {
        return change;
    }

    long index() {
        return change.index();
    }

    /** {@code {"index":N,"action":"ADDED","instance":{…}}}. */
    byte[] json() {
        byte[] j = json;
        if (j == null) {
            j = writer.event(change);
            json = j;
        }
        return j;
    }

    /** {@code id: N}, then the event as {@code data:}, then a blank line. */
    byte[] sseFrame() {
        byte[] f = sseFrame;
        if (f == null) {
            byte[] head = ("id: " + change.index() + "\ndata: ").getBytes(StandardCharsets.US_ASCII);
            byte[] body = json();
            f = new byte[head.length + body.length + 2];
            System.arraycopy(head, 0, f, 0, head.length);
            System.arraycopy(body, 0, f, head.length, body.length);
            f[f.length - 2] = '\n';
            f[f.length - 1] = '\n';
            sseFrame = f;
        }
        return f;
    }
}
