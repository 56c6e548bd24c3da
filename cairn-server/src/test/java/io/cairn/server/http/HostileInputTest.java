package io.cairn.server.http;

import static io.cairn.server.http.LiveServer.instanceJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.server.config.CairnConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated bad requests against a live node: none may get a 5xx or go unanswered, and afterwards the
 * registry must hold exactly what it held before. Seeded, so a failure can be replayed.
 */
class HostileInputTest {
    private static final long SEED = 0xCA1B5EEDL;
    private static final int REQUESTS = 10_000;
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"};

    // Rate limits off: this test is about what each request does, not about how many arrive.
    private final LiveServer live = new LiveServer(CairnConfig.builder().maxBodyBytes(256 * 1024)
            .writesPerSecondPerAddress(0).renewalsPerSecondPerAddress(0));

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void badRequestsGet4xxAndChangeNothing() {
        for (int i = 0; i < 5; i++) {
            assertThat(live.postJson("/eureka/apps/STABLE", instanceJson("STABLE", "stable-" + i, "UP")).statusCode())
                    .isEqualTo(204);
        }
        byte[] before = live.get("/eureka/apps", "application/json").body();
        long indexBefore = live.server.registry().index();

        SplittableRandom random = new SplittableRandom(SEED);
        List<String> failures = new ArrayList<>();
        java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int n = 0; n < REQUESTS; n++) {
            if (random.nextInt(8) == 0) {
                String head = rawRequest(random);
                int status = live.raw(head, new byte[0]);
                statuses.merge(status, 1, Integer::sum);
                // Every request, however broken, gets an answer: no 5xx, no silent close, no hang.
                if (status >= 500 || status < 0) {
                    failures.add(n + ": raw " + head.lines().findFirst().orElse("") + " -> " + status);
                }
                continue;
            }
            HttpRequest.Builder request = hostile(random);
            HttpRequest built = request.build();
            HttpResponse<byte[]> r = live.send(request);
            statuses.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() >= 500) {
                failures.add(n + ": " + built.method() + " " + built.uri() + " -> " + r.statusCode() + " "
                        + new String(r.body(), StandardCharsets.UTF_8));
            }
        }

        System.out.println("statuses of " + REQUESTS + " hostile requests: " + statuses);
        assertThat(failures).isEmpty();
        // Most requests must reach a parser or a validator, not bounce off an unknown path.
        assertThat(statuses.getOrDefault(400, 0)).isGreaterThan(REQUESTS / 3);
        assertThat(live.server.registry().index()).isEqualTo(indexBefore);
        assertThat(new String(live.get("/eureka/apps", "application/json").body(), StandardCharsets.UTF_8))
                .isEqualTo(new String(before, StandardCharsets.UTF_8));
    }

    /** Requests no well-behaved client library would send: malformed targets, escapes and header floods. */
    private static String rawRequest(SplittableRandom r) {
        String target = pick(r, "/eureka/apps/%", "/eureka/apps/ORDERS/%zz", "/eureka/apps/%00/%ff%fe",
                "/eureka/apps?regions=%", "/eureka/apps/STABLE/stable-0/status?value=%ZZ",
                "/eureka/apps/NOPE/x/metadata?%=%", "/eureka/../../etc/passwd", "*", "eureka/apps",
                "/eureka/apps/" + "A".repeat(20_000), "/eureka/apps/NOPE/stable-1?lastDirtyTimestamp=%2",
                "/eureka/apps/\u2603");
        String method = pick(r, "GET", "PUT", "DELETE", "POST", "BREW", "G\u0000T");
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n");
        switch (r.nextInt(4)) {
            case 0 -> {
                for (int k = 0; k < 500; k++) {
                    head.append("X-Flood-").append(k).append(": ").append("v".repeat(100)).append("\r\n");
                }
            }
            case 1 -> head.append("X-Huge: ").append("h".repeat(64 * 1024)).append("\r\n");
            case 2 -> head.append("Content-Length: -5\r\n");
            default -> head.append("Accept: application/json\r\nContent-Length: 0\r\n");
        }
        return head.append("Connection: close\r\n\r\n").toString();
    }

    private HttpRequest.Builder hostile(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0, 1 -> mangledRegistration(r);
            case 2 -> badQuery(r);
            case 3 -> randomPath(r);
            case 4 -> badBatch(r);
            default -> badXml(r);
        };
    }

    /** A register body, mangled; always posted to an app the body does not name, so it can never be accepted. */
    private HttpRequest.Builder mangledRegistration(SplittableRandom r) {
        byte[] body = instanceJson("ORDERS", "fuzz-" + r.nextInt(100), pick(r, "UP", "DOWN", "up", "", "💥"))
                .getBytes(StandardCharsets.UTF_8);
        body = mutate(r, body);
        return HttpRequest.newBuilder(live.uri("/eureka/apps/FUZZ-TARGET"))
                .header("Content-Type", pick(r, "application/json", "application/json; charset=utf-8",
                        "application/xml", "text/plain", "application/octet-stream"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private byte[] mutate(SplittableRandom r, byte[] body) {
        switch (r.nextInt(7)) {
            case 0: // truncate
                return java.util.Arrays.copyOf(body, r.nextInt(body.length));
            case 1: { // flip bytes
                byte[] b = body.clone();
                for (int k = 0; k < 1 + r.nextInt(8); k++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
                return b;
            }
            case 2: { // replace a value with a structure or a wrong type
                String s = new String(body, StandardCharsets.UTF_8);
                String[] fields = {"\"status\":\"", "\"port\":", "\"metadata\":", "\"leaseInfo\":",
                        "\"dataCenterInfo\":", "\"lastDirtyTimestamp\":\"", "\"instance\":"};
                String f = fields[r.nextInt(fields.length)];
                String junk = pick(r, "[1,2,{\"a\":[]}],\"x\":\"", "{\"$\":\"NaN\"},\"y\":\"", "null,\"z\":\"",
                        "-99999999999999999999999,\"q\":\"", "true,\"w\":\"", "\"\\u0000\",\"v\":\"");
                return s.replaceFirst(java.util.regex.Pattern.quote(f), java.util.regex.Matcher.quoteReplacement(
                        f.endsWith("\"") ? f.substring(0, f.length() - 1) + junk : f + junk))
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 3: { // deep nesting
                int depth = 500 + r.nextInt(5000);
                return ("{\"instance\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
            }
            case 4: // not JSON at all
                return pick(r, "", "null", "[]", "{}", "{\"instance\":null}", "{\"instance\":[]}", "\"instance\"",
                        "{\"instance\":{}}", "{\"instance\":{\"app\":\"ORDERS\"}}").getBytes(StandardCharsets.UTF_8);
            case 5: { // random bytes
                byte[] b = new byte[r.nextInt(2048)];
                r.nextBytes(b);
                return b;
            }
            default: // lots of metadata keys
                StringBuilder md = new StringBuilder("{");
                for (int k = 0; k < 2000; k++) {
                    md.append(k == 0 ? "" : ",").append("\"k").append(k).append("\":\"v\"");
                }
                return new String(body, StandardCharsets.UTF_8)
                        .replace("{\"management.port\":\"8080\"}", md.append('}').toString())
                        .getBytes(StandardCharsets.UTF_8);
        }
    }

    private HttpRequest.Builder badQuery(SplittableRandom r) {
        String id = pick(r, "stable-0", "stable-1", "missing", "%00", "..%2F..%2Fetc");
        String app = pick(r, "STABLE", "stable", "NOPE");
        String path = switch (r.nextInt(5)) {
            case 0 -> "/eureka/apps/" + app + "/" + id + "/status?value=" + pick(r, "up", "RUNNING", "", "%25ZZ", "UP%00");
            case 1 -> "/eureka/apps/" + app + "/" + id + "?lastDirtyTimestamp=" + pick(r, "abc", "-5",
                    "99999999999999999999", "1e10", "9223372036854775807");
            case 2 -> "/eureka/apps/" + app + "/" + id + "/status?value=DOWN&lastDirtyTimestamp=" + pick(r, "x", "-1",
                    "99999999999999");
            // Metadata updates with odd encodings may be valid; they target an app that does not exist.
            case 3 -> "/eureka/apps/NOPE/" + id + "/metadata?" + pick(r, "%25G1=1", "a=%25", "&&&=", "k=%E2%82");
            default -> "/eureka/apps/" + app + "/" + id + "?overriddenstatus=" + pick(r, "bogus", "up")
                    + "&lastDirtyTimestamp=abc";
        };
        String method = path.contains("/status?") && r.nextBoolean() ? "DELETE" : "PUT";
        return HttpRequest.newBuilder(live.uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
    }

    private HttpRequest.Builder randomPath(SplittableRandom r) {
        StringBuilder p = new StringBuilder(pick(r, "/eureka", "/eureka/v2", "/eureka/v1", "/", "/eureka/x/y"));
        int segments = r.nextInt(7);
        for (int k = 0; k < segments; k++) {
            p.append('/').append(pick(r, "apps", "delta", "status", "metadata", "vips", "svips", "instances",
                    "peerreplication", "batch", "asg", "serverinfo", "statusoverrides", "%2e%2e", "NOPE", "x:y:1",
                    "%E2%98%83", "a%20b", ""));
        }
        if (r.nextInt(4) == 0) {
            p.append("?regions=").append(pick(r, "", "us-east-1,,x", "%25"));
        }
        String method = METHODS[r.nextInt(METHODS.length)];
        // A write that might reach a real instance is excluded by construction: STABLE is never generated here.
        HttpRequest.Builder b = HttpRequest.newBuilder(live.uri(p.toString()));
        if (r.nextBoolean()) {
            b.header("Accept", pick(r, "application/json", "*/*", "text/html", "application/xml;q=0.1, json"));
        }
        if (r.nextBoolean()) {
            b.header("Accept-Encoding", pick(r, "gzip", "deflate", "br, gzip;q=0"));
        }
        byte[] body = new byte[method.equals("GET") || method.equals("HEAD") ? 0 : r.nextInt(64)];
        r.nextBytes(body);
        return b.method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private HttpRequest.Builder badBatch(SplittableRandom r) {
        String item = pick(r,
                "{\"appName\":\"FUZZ\",\"id\":\"f\",\"action\":\"Explode\"}",
                "{\"action\":\"Heartbeat\"}",
                "{\"appName\":\"FUZZ\",\"id\":\"f\",\"action\":\"StatusUpdate\",\"status\":\"up\"}",
                "{\"appName\":\"FUZZ\",\"id\":\"f\",\"action\":\"Register\",\"instanceInfo\":{\"app\":\"X\"}}",
                "{\"appName\":\"FUZZ\",\"id\":\"f\",\"action\":\"Register\",\"instanceInfo\":[1]}",
                "{\"appName\":\"FUZZ\",\"id\":\"f\",\"lastDirtyTimestamp\":\"soon\",\"action\":\"Heartbeat\"}",
                "[", "{\"replicationList\":7}", "null");
        String body = r.nextBoolean() ? "{\"replicationList\":[" + item + "]}" : item;
        return HttpRequest.newBuilder(live.uri("/eureka/peerreplication/batch"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpRequest.Builder badXml(SplittableRandom r) {
        String body = pick(r,
                "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>"
                        + "<instance><hostName>&lol2;</hostName></instance>",
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                        + "<instance><hostName>&xxe;</hostName></instance>",
                "<instance><app>ORDERS</app><hostName>h</hostName><ipAddr>1.1.1.1</ipAddr>"
                        + "<status>UP</status><dataCenterInfo class=\"com.netflix.appinfo.MyDataCenterInfo\">"
                        + "<name>MyOwn</name></dataCenterInfo></instance>",
                "<instance><port enabled=\"maybe\">eighty</port></instance>",
                "<instance>" + "<a>".repeat(3000) + "</a>".repeat(3000) + "</instance>",
                "<instance><hostName>unclosed",
                "\u0000\u0001<instance/>");
        return HttpRequest.newBuilder(live.uri("/eureka/apps/FUZZ-TARGET"))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String pick(SplittableRandom r, String... options) {
        return options[r.nextInt(options.length)];
    }
}
