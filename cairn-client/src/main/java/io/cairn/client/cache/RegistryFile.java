package io.cairn.client.cache;

import io.cairn.model.Applications;
import io.cairn.model.codec.CodecException;
import io.cairn.model.codec.EurekaJsonCodec;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The registry cache persisted to a file, in Eureka's own JSON ({@code {"applications":...}}), so that a client
 * restarted while every server is down still finds its services. Written to a temporary file and moved into place,
 * so that a reader never sees half a file.
 */
public final class RegistryFile {
    private static final System.Logger LOG = System.getLogger(RegistryFile.class.getName());

    private final Path path;
    private final EurekaJsonCodec codec;

    public RegistryFile(Path path, EurekaJsonCodec codec) {
        this.path = path.toAbsolutePath();
        this.codec = codec;
    }

    /** Where the file lives. */
    public Path path() {
        return path;
    }

    /** Writes {@code snapshot}, replacing the previous file atomically where the file system allows it. */
    public void write(RegistrySnapshot snapshot) throws IOException {
        Path dir = path.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
            codec.writeApplications(snapshot.toApplications(), false, out);
        }
        try {
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The stored registry; empty if there is no file or it cannot be read (which is logged, not thrown). */
    public Optional<Applications> read() {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(codec.readApplications(Files.readAllBytes(path)));
        } catch (IOException | CodecException e) {
            LOG.log(Level.WARNING, "ignoring unreadable registry cache file {0}: {1}", path, e.getMessage());
            return Optional.empty();
        }
    }
}
