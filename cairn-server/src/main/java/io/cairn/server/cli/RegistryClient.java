package io.cairn.server.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The client commands' HTTP calls to a server's Eureka API, with the JDK's client. Turns every failure into a
 * {@link CliException} with the exit code a script can rely on.
 */
final class RegistryClient {
    private final HttpClient http;
    private final URI serviceUrl;
    private final Duration timeout;
    private final String authorization;

    RegistryClient(RemoteOptions options) {
        // Credentials come from the URL's user info (http://user:pass@host/eureka/), else from --token.
        io.cairn.server.cluster.PeerAddress address = io.cairn.server.cluster.PeerAddress.of(
                options.serviceUrl().toString(), options.token == null ? "" : options.token.trim());
        this.serviceUrl = URI.create(address.base());
        this.authorization = address.authorization();
        this.timeout = options.timeout();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    URI serviceUrl() {
        return serviceUrl;
    }

    /** GETs a JSON document; {@code notFound} is the message when the server answers 404. */
    byte[] get(String relative, String notFound) {
        return check(send("GET", relative, timeout), notFound);
    }

    /** GETs with a longer allowance, for a long poll the server holds up to {@code held}. */
    byte[] poll(String relative, Duration held) {
        return check(send("GET", relative, held.plus(timeout)), "the server has no watch API (is it Cairn?)");
    }

    /** PUTs or DELETEs; {@code notFound} is the message when the server answers 404. */
    void write(String method, String relative, String notFound) {
        check(send(method, relative, timeout), notFound);
    }

    /** Percent-encodes one path segment, leaving only RFC 3986's unreserved characters as they are. */
    static String segment(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    private HttpResponse<byte[]> send(String method, String relative, Duration allowed) {
        URI uri = serviceUrl.resolve(relative);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder
                .header("Accept", "application/json")
                .header("User-Agent", "cairn-cli")
                .timeout(allowed)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("timed out connecting");
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer within " + allowed.toSeconds() + " s");
        } catch (ConnectException e) {
            throw unreachable("connection refused");
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.FAILED, "interrupted");
        }
    }

    private CliException unreachable(String why) {
        return new CliException(ExitCode.UNREACHABLE, "cannot reach " + serviceUrl + ": " + why);
    }

    private static byte[] check(HttpResponse<byte[]> r, String notFound) {
        int s = r.statusCode();
        if (s / 100 == 2) {
            return r.body();
        }
        String body = new String(r.body(), StandardCharsets.UTF_8).strip();
        String detail = body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) + "..." : body);
        if (s == 404) {
            throw new CliException(ExitCode.NOT_FOUND, notFound);
        }
        if (s == 401) {
            throw new CliException(ExitCode.UNAUTHORIZED, "the server asks for credentials (401)" + detail);
        }
        if (s == 403) {
            throw new CliException(ExitCode.FAILED, "the server refused (403); a node still syncing from its peers "
                    + "refuses reads" + detail);
        }
        throw new CliException(ExitCode.FAILED, "the server answered " + s + detail);
    }
}
