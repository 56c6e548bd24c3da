package io.cairn.server.security;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The admin token a node generates on its first start without admin credentials: printed once, stored readable by
 * its owner only, and read back without printing on later starts, so that a fresh install is never open to anyone.
 */
public final class AdminTokenFile {
    private AdminTokenFile() {
    }

    /** {@code ~/.cairn/admin-token}. */
    public static Path defaultPath() {
        return Path.of(System.getProperty("user.home"), ".cairn", "admin-token");
    }

    /**
     * Reads the token stored at {@code file}, or generates, stores and prints one.
     *
     * @param out where a new token is printed, once
     */
    public static String obtain(Path file, PrintStream out) throws IOException {
        if (Files.exists(file)) {
            String token = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (token.isEmpty()) {
                throw new IOException("admin token file " + file + " is empty");
            }
            return token;
        }
        String token = Secrets.newToken(new SecureRandom());
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (dir != null && !Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                        "rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        // Written whole to an owner-only temporary file, then moved into place: a node starting at the same moment
        // sees either no file or the complete token, never a half-written one.
        Path tmp = posix
                ? Files.createTempFile(dir, ".admin-token", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".admin-token", ".tmp");
        try {
            Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file);
        } catch (FileAlreadyExistsException e) {
            return obtain(file, out); // another node on this machine got there first
        } finally {
            Files.deleteIfExists(tmp);
        }
        out.println("Cairn generated an administrator token (shown only this once; stored in " + file + "):");
        out.println("  " + token);
        out.println("Use it as 'Authorization: Bearer <token>' or sign in to the dashboard with it.");
        out.flush();
        return token;
    }
}
