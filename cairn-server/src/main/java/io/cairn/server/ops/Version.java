package io.cairn.server.ops;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version Cairn was built as, from a resource Maven fills in at build time. */
public final class Version {
    private static final String CURRENT = load();

    private Version() {
    }

    /** For example {@code 0.1.0-SNAPSHOT}; {@code unknown} when the resource was not filtered (an IDE build). */
    public static String current() {
        return CURRENT;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/io/cairn/server/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
