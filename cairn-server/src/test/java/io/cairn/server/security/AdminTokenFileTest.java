package io.cairn.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenFileTest {
    @TempDir
    Path dir;

    @Test
    void theFirstStartGeneratesPrintsOnceAndStoresOwnerOnly() throws Exception {
        Path file = dir.resolve("sub").resolve("admin-token");
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        String token = AdminTokenFile.obtain(file, new PrintStream(first, true, StandardCharsets.UTF_8));
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(first.toString(StandardCharsets.UTF_8)).contains(token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");

        ByteArrayOutputStream second = new ByteArrayOutputStream();
        assertThat(AdminTokenFile.obtain(file, new PrintStream(second, true, StandardCharsets.UTF_8)))
                .isEqualTo(token);
        assertThat(second.size()).isZero();
        try (var list = Files.list(file.getParent())) {
            assertThat(list).containsExactly(file);
        }
    }
}
