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
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!client.stats().registered()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not registered within 30 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
        System.out.println("REGISTERED");
        System.out.flush();
        // Holds its registration until the test kills this process (or shuts it down, which cancels it).
        new java.util.concurrent.CountDownLatch(1).await();
    }
}
