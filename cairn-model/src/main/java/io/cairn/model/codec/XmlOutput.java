package io.cairn.model.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal XML writer that lays out elements exactly like XStream's {@code PrettyPrintWriter} (two-space indent,
 * {@code \n}, no declaration) and escapes text like it, except that characters XML 1.0 cannot carry at all are
 * replaced by U+FFFD where XStream would emit an unparseable character reference. Writes UTF-8; not thread-safe.
 */
final class XmlOutput {

    private static final int FLUSH_AT = 8192;
    private static final char REPLACEMENT = '\uFFFD';

    private final OutputStream out;
    private final StringBuilder buf = new StringBuilder(FLUSH_AT + 1024);
    private int depth;
    private boolean started;

    XmlOutput(OutputStream out) {
        this.out = out;
    }

    void open(String name) throws IOException {
        startTag(name);
        buf.append('>');
        depth++;
    }

    void open(String name, String attribute, String value) throws IOException {
        startTag(name);
        attribute(attribute, value);
        buf.append('>');
        depth++;
    }

    void close(String name) throws IOException {
        depth--;
        newLine();
        buf.append("</").append(name).append('>');
    }

    void leaf(String name, String text) throws IOException {
        startTag(name);
        buf.append('>');
        escape(text);
        buf.append("</").append(name).append('>');
    }

    void leaf(String name, String attribute, String value, String text) throws IOException {
        startTag(name);
        attribute(attribute, value);
        buf.append('>');
        escape(text);
        buf.append("</").append(name).append('>');
    }

    void empty(String name, String attribute, String value) throws IOException {
        startTag(name);
        attribute(attribute, value);
        buf.append("/>");
    }

    /** Writes what is buffered to the stream and flushes it. */
    void flush() throws IOException {
        drain();
        out.flush();
    }

    private void startTag(String name) throws IOException {
        newLine();
        buf.append('<').append(name);
    }

    private void attribute(String name, String value) {
        buf.append(' ').append(name).append("=\"");
        escape(value);
        buf.append('"');
    }

    private void newLine() throws IOException {
        // Draining only between elements never splits a surrogate pair across two encodings.
        if (buf.length() >= FLUSH_AT) {
            drain();
        }
        if (started) {
            buf.append('\n');
            for (int i = 0; i < depth; i++) {
                buf.append("  ");
            }
        }
        started = true;
    }

    private void drain() throws IOException {
        if (buf.length() > 0) {
            out.write(buf.toString().getBytes(StandardCharsets.UTF_8));
            buf.setLength(0);
        }
    }

    private void escape(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                switch (c) {
                    case '&': buf.append("&amp;"); break;
                    case '<': buf.append("&lt;"); break;
                    case '>': buf.append("&gt;"); break;
                    case '"': buf.append("&quot;"); break;
                    case '\'': buf.append("&apos;"); break;
                    default: buf.append(c);
                }
            } else if (c == '\t' || c == '\n') {
                buf.append(c);
            } else if (c == '\r') {
                buf.append("&#xd;");
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                buf.append(c).append(text.charAt(++i));
            } else if (c < 0x20 || Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                // Not a legal XML 1.0 character in any form; XStream writes e.g. &#x1; which no parser accepts.
                buf.append(REPLACEMENT);
            } else if (Character.isDefined(c) && !Character.isISOControl(c)) {
                buf.append(c);
            } else {
                buf.append("&#x").append(Integer.toHexString(c)).append(';');
            }
        }
    }
}
