package io.cairn.it.client;

import io.cairn.client.CairnClient;
import io.cairn.client.ClientConfig;
import java.time.Duration;

/**
 * A process that registers one instance with the client's defaults (shutdown hook included) and waits to be
 * terminated: the JVM-shutdown test runs it and sends it SIGTERM. Usage: {@code RegisteredProcess <serviceUrl> <app>
 * <id>}.
 */
public final class RegisteredProcess {
    private RegisteredProcess() {
    }

    public static void main(String[] args) throws Exception {
        CairnClient client = CairnClient.start(ClientConfig.builder()
                .serviceUrl(args[0])
                .appName(args[1])
                .instanceId(args[2])
                .hostName(args[2] + ".test")
                .ipAddress("127.0.0.1")
                .leaseExpirationDuration(Duration.ofMinutes(5))
                .fetchRegistry(false)
                .build());
        while (!client.stats().registered()) {
            Thread.sleep(10);
        }
        System.out.println("REGISTERED");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
