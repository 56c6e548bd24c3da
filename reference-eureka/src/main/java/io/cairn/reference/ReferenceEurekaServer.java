package io.cairn.reference;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.netflix.eureka.server.EnableEurekaServer;

/**
 * The stock Spring Cloud Netflix Eureka server, standalone by default. Run with
 * {@code java -jar reference-eureka/target/reference-eureka.jar --server.port=8762}; any Eureka property can be
 * passed the same way (for example {@code --eureka.client.service-url.defaultZone=...} to peer it).
 */
@SpringBootApplication
@EnableEurekaServer
public class ReferenceEurekaServer {
    public static void main(String[] args) {
        SpringApplication.run(ReferenceEurekaServer.class, args);
    }
}
