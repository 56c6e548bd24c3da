package io.cairn.server.http;

import io.cairn.server.CairnServer;
import io.cairn.server.config.CairnConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real Cairn server on a free loopback port, and a plain HTTP client to talk to it. */
public final class LiveServer implements AutoCloseable {
    public final CairnServer server;
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public LiveServer(CairnConfig.Builder config) {
        this.server = new CairnServer(config.host("127.0.0.1").port(0).build()).start();
    }

    public LiveServer() {
        this(CairnConfig.builder());
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    public HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> get(String path, String accept) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET());
    }

    public HttpResponse<byte[]> postJson(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<byte[]> put(String path) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    public HttpResponse<byte[]> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /**
     * Sends bytes that need not form a valid URI or request, over a plain socket, and returns the status code of the
     * answer, or -1 if the server closed the connection without one.
     */
    public int raw(String requestHead, byte[] body) {
        return rawFrom("127.0.0.1", requestHead, body);
    }

    /** As {@link #raw}, from another loopback address ({@code 127.0.0.2} …): a second client as the server sees it. */
    public int rawFrom(String localAddress, String requestHead, byte[] body) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port(),
                java.net.InetAddress.getByName(localAddress), 0)) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(requestHead.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            byte[] answer = socket.getInputStream().readAllBytes();
            String head = new String(answer, 0, Math.min(answer.length, 64), java.nio.charset.StandardCharsets.ISO_8859_1);
            if (!head.startsWith("HTTP/1.") || head.length() < 12) {
                return -1;
            }
            return Integer.parseInt(head.substring(9, 12));
        } catch (java.net.SocketException e) {
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A register body in the shape the Netflix client sends. */
    public static String instanceJson(String app, String id, String status) {
        return "{\"instance\":{\"instanceId\":\"" + id + "\",\"hostName\":\"" + id + ".internal\",\"app\":\"" + app
                + "\",\"ipAddr\":\"10.0.0.1\",\"status\":\"" + status + "\",\"overriddenStatus\":\"UNKNOWN\","
                + "\"port\":{\"$\":8080,\"@enabled\":\"true\"},\"securePort\":{\"$\":443,\"@enabled\":\"false\"},"
                + "\"countryId\":1,\"dataCenterInfo\":{\"@class\":"
                + "\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\",\"name\":\"MyOwn\"},"
                + "\"leaseInfo\":{\"renewalIntervalInSecs\":30,\"durationInSecs\":90,\"registrationTimestamp\":0,"
                + "\"lastRenewalTimestamp\":0,\"evictionTimestamp\":0,\"serviceUpTimestamp\":0},"
                + "\"metadata\":{\"management.port\":\"8080\"},\"vipAddress\":\"" + app.toLowerCase() + "\","
                + "\"secureVipAddress\":\"" + app.toLowerCase() + "\",\"isCoordinatingDiscoveryServer\":\"false\","
                + "\"lastUpdatedTimestamp\":\"1712000000000\",\"lastDirtyTimestamp\":\"1712000000000\"}}";
    }

    @Override
    public void close() {
        server.close();
    }
}
