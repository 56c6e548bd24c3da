package io.cairn.client.cache;

import static io.cairn.client.support.Samples.instance;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.model.ActionType;
import io.cairn.model.Applications;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.model.codec.EurekaJsonCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryFileTest {
    private final EurekaJsonCodec codec = new EurekaJsonCodec(() -> 0L);

    @TempDir
    Path dir;

    @Test
    void whatIsWrittenReadsBackTheSame() throws Exception {
        RegistryFile file = new RegistryFile(dir.resolve("sub/registry.json"), codec);
        InstanceInfo a = instance("orders", "a1", InstanceStatus.UP, Map.of("zone", "z1", "weight", "3"));
        InstanceInfo b = instance("billing", "b1", InstanceStatus.OUT_OF_SERVICE);
        RegistrySnapshot s = RegistrySnapshot.of(List.of(a, b), 42);
        file.write(s);
        assertThat(Files.list(dir.resolve("sub"))).extracting(p -> p.getFileName().toString())
                .containsExactly("registry.json");
        Applications read = file.read().orElseThrow();
        RegistrySnapshot back = RegistrySnapshot.of(read);
        assertThat(back.hash()).isEqualTo(s.hash());
        assertThat(back.version()).isEqualTo(42);
        assertThat(back.app("orders").all()).containsExactly(a);
        assertThat(back.app("billing").all()).containsExactly(b);
    }

    @Test
    void aLaterWriteReplacesTheFile() throws Exception {
        RegistryFile file = new RegistryFile(dir.resolve("r.json"), codec);
        file.write(RegistrySnapshot.of(List.of(instance("a", "1", InstanceStatus.UP)), 1));
        file.write(RegistrySnapshot.of(List.of(), 2));
        assertThat(file.read().orElseThrow().instances()).isEmpty();
    }

    @Test
    void aMissingOrBrokenFileReadsAsNothing() throws Exception {
        RegistryFile file = new RegistryFile(dir.resolve("r.json"), codec);
        assertThat(file.read()).isEmpty();
        Files.writeString(dir.resolve("r.json"), "{\"applications\":{\"application\":[", StandardCharsets.UTF_8);
        assertThat(file.read()).isEmpty();
    }

    @Test
    void deltaActionsAreKeptHarmlessly() throws Exception {
        RegistryFile file = new RegistryFile(dir.resolve("r.json"), codec);
        InstanceInfo a = instance("a", "1", InstanceStatus.UP).toBuilder().actionType(ActionType.MODIFIED).build();
        file.write(RegistrySnapshot.of(List.of(a), 1));
        assertThat(file.read().orElseThrow().instances()).containsExactly(a);
    }
}
