package io.cairn.server.watch;

import io.cairn.server.registry.Change;
import java.nio.charset.StandardCharsets;

/**
 * One change as watchers receive it: a server-sent-event frame ({@code id: N}, the JSON event as {@code data:}, a
 * blank line), serialized once, on first use, and shared by every watcher it goes to. Long-poll answers take the JSON
 * event out of the frame, so only one copy of it is held.
 */
final class FeedEntry {
    private final Change change;
    private final EventWriter writer;
    private volatile byte[] frame;
    private volatile int jsonOffset;

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

    /** The whole frame. */
    byte[] frame() {
        byte[] f = frame;
        if (f == null) {
            byte[] head = ("id: " + change.index() + "\ndata: ").getBytes(StandardCharsets.US_ASCII);
            byte[] body = writer.event(change);
            f = new byte[head.length + body.length + 2];
            System.arraycopy(head, 0, f, 0, head.length);
            System.arraycopy(body, 0, f, head.length, body.length);
            f[f.length - 2] = '\n';
            f[f.length - 1] = '\n';
            jsonOffset = head.length;
            frame = f;
        }
        return f;
    }

    /** Where {@code {"index":N,"action":…,"instance":{…}}} starts in {@link #frame()}. */
    int jsonOffset() {
        frame();
        return jsonOffset;
    }

    /** The length of the JSON event in the frame. */
    int jsonLength() {
        return frame().length - jsonOffset() - 2;
    }
}
