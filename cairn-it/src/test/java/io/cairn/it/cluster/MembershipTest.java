package io.cairn.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Peers added to a running node's configuration file are picked up without a restart. */
class MembershipTest {
    @TempDir
    Path dir;
    private NodeProcess a;
    private NodeProcess b;

    @AfterEach
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void aPeerAddedToTheConfigurationFileStartsReceivingReplication() throws IOException {
        int pa = NodeProcess.freePort();
        int pb = NodeProcess.freePort();
        String urlA = NodeProcess.peerUrl(pa);
        String urlB = NodeProcess.peerUrl(pb);
        Path config = dir.resolve("cairn.properties");
        Files.writeString(config, "eureka.client.service-url.defaultZone=" + urlA + "\n");
        a = NodeProcess.cairn("membership-a", pa, config,
                List.of("eureka.server.peer-eureka-nodes-update-interval-ms=300")).start()
                .awaitReady(Duration.ofSeconds(60));
        b = NodeProcess.cairn("membership-b", pb, List.of("eureka.client.service-url.defaultZone=" + urlB)).start()
                .awaitReady(Duration.ofSeconds(60));

        assertThat(Rest.json(a, "peers").path("peers")).isEmpty();
        Files.writeString(config, "eureka.client.service-url.defaultZone=" + urlA + "," + urlB + "\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> Rest.json(a, "peers").path("peers").size() == 1);

        assertThat(Rest.register(a, "LATE", "late-1", 60, 1)).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).until(() -> Rest.registry(b).contains("LATE/late-1=UP"));
    }
}
