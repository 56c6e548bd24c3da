package io.cairn.server.http;

import static io.cairn.server.http.LiveServer.instanceJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.server.config.CairnConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand generated bad requests against a live node: none may get a 5xx (nor a batch item a 500) or go
 * unanswered, each kind must reach the parser or check it is aimed at (credentials are sent where the gate would
 * otherwise stop it), the heap must not grow, and afterwards the registry must hold exactly what it held before.
 * Seeded: replay a run with {@code -Dcairn.fuzz.seed=<seed printed by the run>}.
 */
class HostileInputTest {
    private static final long SEED = Long.getLong("cairn.fuzz.seed", 0xCA1B5EEDL);
    private static final int REQUESTS = 10_000;
    private static final int MAX_BODY = 256 * 1024;
    private static final long HEAP_GROWTH_LIMIT = 64L << 20;
    private static final String PEER_TOKEN = "fuzz-peer-token";
    private static final String ADMIN_TOKEN = "fuzz-admin-token";
    private static final String PEER = "Bearer " + PEER_TOKEN;
    private static final String ADMIN = "Bearer " + ADMIN_TOKEN;
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"};
    /** The registered instances; {@code stable-3} carries an operator override. */
    private static final String[] REAL_IDS = {"stable-0", "stable-1", "stable-2", "stable-3", "stable-4"};
    /** Far beyond the validator's 24 hours of clock skew, and the same in every run. */
    private static final String FAR_FUTURE = "4102444800000";

    private static final IntPredicate ANY = s -> true;
    private static final IntPredicate CLIENT_ERROR = s -> s >= 400 && s < 500;
    private static final Pattern ITEM_STATUS = Pattern.compile("\"statusCode\":(\\d+)");

    // Rate limits off: this test is about what each request does, not about how many arrive.
    private final LiveServer live = new LiveServer(CairnConfig.builder().maxBodyBytes(MAX_BODY)
            .writesPerSecondPerAddress(0).renewalsPerSecondPerAddress(0)
            .peerToken(PEER_TOKEN).adminToken(ADMIN_TOKEN));
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hostile-writer");
        t.setDaemon(true);
        return t;
    });

    /** Large inputs, built once before the heap is measured. */
    private byte[] gzipBomb;
    private byte[] gzipJustUnder;
    private byte[] gzipJustOver;
    private byte[] bodyJustUnder;
    private byte[] bodyAtLimit;
    private byte[] bodyJustOver;
    private byte[] bodyFarOver;
    private byte[] nestedArrays;
    private byte[] nestedArraysBatch;
    private byte[] nestedObjectsBatch;
    private byte[] nestedXml;
    private byte[] manyMetadataKeys;
    private byte[] collidingMetadataKeys;
    private byte[] manyBatchItems;
    private String headersWithinLimit;
    private String headersBeyondLimit;

    /** What one request was, what it got, and which answers its kind allows besides "not a 5xx". */
    private record Sent(String kind, String what, int status, String body, IntPredicate expected) {
    }

    /** The parts of the registry a bad request must not change. */
    private record Row(String app, String id, InstanceStatus status, InstanceStatus overriddenStatus,
                       long lastDirtyTimestamp) {
    }

    @AfterEach
    void stop() {
        writer.shutdownNow();
        live.close();
    }

    @Test
    void badRequestsGet4xxAndChangeNothing() throws Exception {
        long startNs = System.nanoTime();
        System.out.printf("HostileInputTest seed=0x%X (replay with -Dcairn.fuzz.seed=%d)%n", SEED, SEED);
        for (String id : REAL_IDS) {
            assertThat(live.postJson("/eureka/apps/STABLE", instanceJson("STABLE", id, "UP")).statusCode())
                    .isEqualTo(204);
        }
        assertThat(send(HttpRequest.newBuilder(live.uri("/eureka/apps/STABLE/stable-3/status?value=OUT_OF_SERVICE"))
                .header("Authorization", ADMIN).PUT(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
        buildLargeInputs();

        List<Row> rowsBefore = rows();
        Map<String, InstanceStatus> overridesBefore = live.server.registry().statusOverrides();
        assertThat(overridesBefore).containsEntry("stable-3", InstanceStatus.OUT_OF_SERVICE);
        byte[] before = live.get("/eureka/apps", "application/json").body();
        long indexBefore = live.server.registry().index();
        long heapBefore = usedHeapAfterGc();

        SplittableRandom random = new SplittableRandom(SEED);
        List<String> failures = new ArrayList<>();
        Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
        Map<String, Integer> reasons = new TreeMap<>();
        Map<Integer, Integer> itemStatuses = new TreeMap<>();
        Map<String, Long> millisByKind = new TreeMap<>();
        for (int n = 0; n < REQUESTS; n++) {
            long t0 = System.nanoTime();
            Sent s = next(random);
            millisByKind.merge(s.kind().replaceFirst("^(large|register-same-app)-.*", "$1"),
                    (System.nanoTime() - t0) / 1_000_000, Long::sum);
            statuses.computeIfAbsent(s.kind(), k -> new TreeMap<>()).merge(s.status(), 1, Integer::sum);
            // Every request, however broken, gets an answer: no 5xx, no silent close, no hang.
            if (s.status() >= 500 || s.status() < 0 || !s.expected().test(s.status())) {
                failures.add(n + " [" + s.kind() + "] " + s.what() + " -> " + s.status() + " " + abbreviate(s.body()));
            }
            if (s.kind().startsWith("register-same-app") || s.kind().startsWith("large")) {
                reason(s.body()).ifPresent(r -> reasons.merge(r, 1, Integer::sum));
            }
            if (s.kind().contains("batch") && s.status() == 200) {
                Matcher m = ITEM_STATUS.matcher(s.body());
                while (m.find()) {
                    int item = Integer.parseInt(m.group(1));
                    itemStatuses.merge(item, 1, Integer::sum);
                    if (item >= 500) {
                        failures.add(n + " [" + s.kind() + "] " + s.what() + " -> batch item " + item);
                    }
                }
            }
        }

        long heapAfter = usedHeapAfterGc();
        int total = statuses.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
        System.out.println("statuses of " + total + " hostile requests by kind: " + statuses);
        System.out.println("validator reasons reached: " + reasons);
        System.out.println("replicated item outcomes: " + itemStatuses);
        System.out.println("milliseconds by kind: " + millisByKind);
        System.out.printf("used heap after GC: %d KiB before, %d KiB after; %d ms%n", heapBefore >> 10,
                heapAfter >> 10, (System.nanoTime() - startNs) / 1_000_000);

        assertThat(total).isEqualTo(REQUESTS);
        assertThat(failures).isEmpty();
        // Most requests must reach a parser or a validator, not bounce off an unknown path or the gate.
        int badRequests = statuses.values().stream().mapToInt(m -> m.getOrDefault(400, 0)).sum();
        assertThat(badRequests).isGreaterThan(REQUESTS / 3);
        // Registrations to the app their body names get past the app-name check to each later check.
        for (String check : new String[] {"port", "lease", "timestamp", "metadata", "too many metadata keys",
                "missing field"}) {
            assertThat(reasons.getOrDefault(check, 0)).as(check).isGreaterThanOrEqualTo(10);
        }
        // Replication batches and admin calls get past the gate to their parsers.
        assertThat(count(statuses, "batch-peer", 200)).isGreaterThan(500);
        assertThat(count(statuses, "batch-peer", 400)).isGreaterThan(100);
        assertThat(itemStatuses.getOrDefault(400, 0)).isGreaterThan(200);
        assertThat(itemStatuses.getOrDefault(404, 0)).isGreaterThan(200);
        assertThat(count(statuses, "override-admin", 400)).isGreaterThan(200);
        assertThat(count(statuses, "override-admin", 404)).isGreaterThan(50);
        assertThat(count(statuses, "admin", 400) + count(statuses, "admin", 405)).isGreaterThan(100);

        assertThat(heapAfter - heapBefore).as("heap growth over %d hostile requests", REQUESTS)
                .isLessThan(HEAP_GROWTH_LIMIT);
        assertThat(rows()).isEqualTo(rowsBefore);
        assertThat(live.server.registry().statusOverrides()).isEqualTo(overridesBefore);
        assertThat(live.server.registry().index()).isEqualTo(indexBefore);
        assertThat(new String(live.get("/eureka/apps", "application/json").body(), StandardCharsets.UTF_8))
                .isEqualTo(new String(before, StandardCharsets.UTF_8));
    }

    /**
     * A replicated item whose instanceInfo carries no instanceId (nor hostName) reaches the registry with a null id:
     * a Cancel always, and a Heartbeat, StatusUpdate or DeleteStatusOverride of a known application, throw a
     * NullPointerException and get a 500 item instead of a 400.
     */
    @Test
    void aReplicatedItemWithoutAnIdIsRefusedWith400() {
        assertThat(live.postJson("/eureka/apps/STABLE", instanceJson("STABLE", "stable-0", "UP")).statusCode())
                .isEqualTo(204);
        for (String action : new String[] {"Cancel", "Heartbeat", "StatusUpdate", "DeleteStatusOverride"}) {
            HttpResponse<byte[]> r = send(HttpRequest.newBuilder(live.uri("/eureka/peerreplication/batch"))
                    .header("Content-Type", "application/json").header("Authorization", PEER)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"replicationList\":[{\"appName\":\"STABLE\","
                            + "\"action\":\"" + action + "\",\"status\":\"DOWN\",\"instanceInfo\":{\"app\":\"X\"}}]}")));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).as(action)
                    .isEqualTo("{\"responseList\":[{\"statusCode\":400}]}");
        }
        assertThat(live.server.registry().instance("STABLE", "stable-0")).isPresent();
    }

    // ---------------------------------------------------------------- the mix

    /** One generated request, sent. The shares are per mille. */
    private Sent next(SplittableRandom r) {
        int c = r.nextInt(1000);
        if (c < 120) {
            String head = rawRequest(r);
            return new Sent("raw", head.lines().findFirst().orElse(""), live.raw(head, new byte[0]), "", ANY);
        } else if (c < 245) {
            return mangledRegistrationToAnotherApp(r);
        } else if (c < 370) {
            return mangledRegistrationToItsApp(r);
        } else if (c < 460) {
            return http("query", badQuery(r), ANY);
        } else if (c < 530) {
            return overrideAsAdmin(r);
        } else if (c < 580) {
            return adminEndpoint(r);
        } else if (c < 670) {
            return http("path", randomPath(r), ANY);
        } else if (c < 695) {
            return batchWithoutPeerCredentials(r);
        } else if (c < 825) {
            return batchAsPeer(r);
        } else if (c < 890) {
            return http("xml", badXml(r), ANY);
        } else if (c < 920) {
            return metadataUpdate(r);
        } else {
            return large(r);
        }
    }

    /** Requests no well-behaved client library would send: malformed targets, escapes and header floods. */
    private static String rawRequest(SplittableRandom r) {
        String target = pick(r, "/eureka/apps/%", "/eureka/apps/ORDERS/%zz", "/eureka/apps/%00/%ff%fe",
                "/eureka/apps?regions=%", "/eureka/apps/STABLE/stable-0/status?value=%ZZ",
                "/eureka/apps/NOPE/x/metadata?%=%", "/eureka/../../etc/passwd", "*", "eureka/apps",
                "/eureka/apps/" + "A".repeat(20_000), "/eureka/apps/NOPE/stable-1?lastDirtyTimestamp=%2",
                "/eureka/apps/\u2603", "/admin/apps/%zz/x/status?value=DOWN", "/admin/%", "/eureka/peerreplication/%");
        String method = pick(r, "GET", "PUT", "DELETE", "POST", "BREW", "G\u0000T");
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n");
        switch (r.nextInt(5)) {
            case 0 -> {
                for (int k = 0; k < 500; k++) {
                    head.append("X-Flood-").append(k).append(": ").append("v".repeat(100)).append("\r\n");
                }
            }
            case 1 -> head.append("X-Huge: ").append("h".repeat(64 * 1024)).append("\r\n");
            case 2 -> head.append("Content-Length: -5\r\n");
            case 3 -> head.append("Authorization: ").append(pick(r, PEER, ADMIN)).append("\r\nContent-Length: 0\r\n");
            default -> head.append("Accept: application/json\r\nContent-Length: 0\r\n");
        }
        return head.append("Connection: close\r\n\r\n").toString();
    }

    /** A register body, mangled, posted to an app the body does not name: refused by the app-name check at the latest. */
    private Sent mangledRegistrationToAnotherApp(SplittableRandom r) {
        byte[] body = instanceJson("ORDERS", "fuzz-" + r.nextInt(100), pick(r, "UP", "DOWN", "up", "", "💥"))
                .getBytes(StandardCharsets.UTF_8);
        body = mutate(r, body);
        return http("register-other-app", HttpRequest.newBuilder(live.uri("/eureka/apps/FUZZ-TARGET"))
                .header("Content-Type", pick(r, "application/json", "application/json; charset=utf-8",
                        "application/xml", "text/plain", "application/octet-stream"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), CLIENT_ERROR);
    }

    /**
     * A register body posted to the app it names, with one defect a later check must refuse (port, lease, timestamp,
     * metadata, a required field, the status), sometimes truncated or with bytes flipped outside the defect; sent
     * anonymously, as an admin, or as a peer's replication.
     */
    private Sent mangledRegistrationToItsApp(SplittableRandom r) {
        String app = pick(r, "ORDERS", "STABLE");
        Faulty f = faulty(r, app, "fuzz-" + r.nextInt(100));
        byte[] body = f.body().getBytes(StandardCharsets.UTF_8);
        switch (r.nextInt(4)) {
            case 0 -> body = java.util.Arrays.copyOf(body, r.nextInt(body.length));
            case 1 -> {
                int outside = body.length - (f.to() - f.from());
                for (int k = 0; k < 1 + r.nextInt(8); k++) {
                    int p = r.nextInt(outside);
                    body[p < f.from() ? p : p + (f.to() - f.from())] = (byte) r.nextInt(256);
                }
            }
            default -> {
            }
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(live.uri("/eureka/apps/" + pick(r, app, app.toLowerCase())))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        String type = pick(r, "application/json", "application/json; charset=utf-8", "application/vnd.cairn+json",
                null);
        if (type != null) {
            b.header("Content-Type", type);
        }
        String kind = "register-same-app";
        switch (r.nextInt(6)) {
            case 0 -> {
                b.header("Authorization", PEER).header("x-netflix-discovery-replication", "true");
                kind = "register-same-app-peer";
            }
            case 1 -> {
                b.header("Authorization", ADMIN);
                kind = "register-same-app-admin";
            }
            default -> {
            }
        }
        return http(kind, b, s -> s == 400);
    }

    /** A register body with one defect, and where the defect lies, so that mutations can leave it alone. */
    private record Faulty(String body, int from, int to) {
    }

    private static Faulty faulty(SplittableRandom r, String app, String id) {
        String base = instanceJson(app, id, pick(r, "UP", "DOWN", "STARTING", "OUT_OF_SERVICE"));
        String[] fault = switch (r.nextInt(11)) {
            case 0 -> new String[] {"\"port\":{\"$\":8080", "\"port\":{\"$\":" + pick(r, "65536", "-1", "99999999")};
            case 1 -> new String[] {"\"securePort\":{\"$\":443", "\"securePort\":{\"$\":" + pick(r, "70000", "-443")};
            case 2 -> new String[] {"\"durationInSecs\":90", "\"durationInSecs\":" + pick(r, "-1", "31536001",
                    "2147483647")};
            case 3 -> new String[] {"\"renewalIntervalInSecs\":30", "\"renewalIntervalInSecs\":" + pick(r, "-30",
                    "99999999")};
            case 4 -> new String[] {"\"lastDirtyTimestamp\":\"1712000000000\"", "\"lastDirtyTimestamp\":\""
                    + pick(r, "-1", FAR_FUTURE, "9223372036854775807") + "\""};
            case 5, 6 -> new String[] {"\"metadata\":{\"management.port\":\"8080\"}", "\"metadata\":" + badMetadata(r)};
            case 7 -> new String[] {"\"hostName\":\"" + id + ".internal\"", "\"hostName\":\"" + pick(r, "", "  ") + "\""};
            case 8 -> new String[] {"\"ipAddr\":\"10.0.0.1\"", "\"ipAddr\":\"\""};
            case 9 -> new String[] {"\"name\":\"MyOwn\"", "\"name\":\"" + pick(r, "", " ") + "\""};
            default -> new String[] {"\"app\":\"" + app + "\"", "\"app\":\"\""};
        };
        int from = base.indexOf(fault[0]);
        assertThat(from).as(fault[0]).isNotNegative();
        String body = base.substring(0, from) + fault[1] + base.substring(from + fault[0].length());
        return new Faulty(body, from, from + fault[1].length());
    }

    private static String badMetadata(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> keys(257 + r.nextInt(100), k -> "k" + k);
            case 1 -> "{\"" + "k".repeat(257 + r.nextInt(1000)) + "\":\"v\"}";
            case 2 -> "{\"big\":\"" + "v".repeat(16_385 + r.nextInt(1000)) + "\"}";
            default -> "{\"\":\"empty key\"}";
        };
    }

    private static String keys(int count, java.util.function.IntFunction<String> key) {
        StringBuilder md = new StringBuilder(count * 12).append('{');
        for (int k = 0; k < count; k++) {
            md.append(k == 0 ? "" : ",").append('"').append(key.apply(k)).append("\":\"v\"");
        }
        return md.append('}').toString();
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
                return s.replaceFirst(Pattern.quote(f), Matcher.quoteReplacement(
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
                return new String(body, StandardCharsets.UTF_8)
                        .replace("{\"management.port\":\"8080\"}", keys(2000, k -> "k" + k))
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

    /**
     * Status overrides with an admin's credentials, so that they get past the gate to the parsing of the value and
     * the timestamp; on a registered instance every value is bad, a good value goes only to an unknown instance.
     */
    private Sent overrideAsAdmin(SplittableRandom r) {
        boolean real = r.nextInt(3) > 0;
        String app = real ? pick(r, "STABLE", "stable") : pick(r, "NOPE", "STABLE");
        String id = real ? pick(r, REAL_IDS) : app.equals("NOPE") ? pick(r, REAL_IDS) : pick(r, "missing", "fuzz-1");
        String[] bad = {"value=up", "value=RUNNING", "value=", "value=%25ZZ", "value=UP%00", "value=%20UP",
                "value=DOWN&lastDirtyTimestamp=abc", "value=DOWN&lastDirtyTimestamp=-1",
                "value=OUT_OF_SERVICE&lastDirtyTimestamp=" + FAR_FUTURE, "value=UP&lastDirtyTimestamp=1e10",
                "value=STARTING&lastDirtyTimestamp=9223372036854775808", "lastDirtyTimestamp=5&value=Down"};
        String method = r.nextBoolean() ? "PUT" : "DELETE";
        String query;
        IntPredicate expected;
        if (real || r.nextBoolean()) {
            query = method.equals("PUT") && r.nextInt(8) == 0 ? "" : "?" + pick(r, bad);
            expected = s -> s == 400;
        } else {
            query = "?value=" + pick(r, "UP", "DOWN", "OUT_OF_SERVICE", "STARTING", "UNKNOWN");
            expected = s -> s == 404;
        }
        return http("override-admin", HttpRequest.newBuilder(live.uri("/eureka/apps/" + app + "/" + id + "/status"
                + query)).header("Authorization", ADMIN).method(method, HttpRequest.BodyPublishers.noBody()), expected);
    }

    /** {@code /admin/*} with an admin's credentials: reads, bad values, unknown instances, wrong methods and paths. */
    private Sent adminEndpoint(SplittableRandom r) {
        String real = pick(r, "STABLE", "stable", "%53TABLE") + "/" + pick(r, REAL_IDS);
        String ghost = pick(r, "NOPE", "STABLE") + "/" + pick(r, "missing", "fuzz-2", "%E2%98%83");
        String method;
        String path;
        IntPredicate expected;
        switch (r.nextInt(7)) {
            case 0 -> {
                method = pick(r, "GET", "HEAD");
                path = pick(r, "/admin/session", "/admin/config", "/admin/session/", "/admin/config?x=%25");
                expected = s -> s == 200;
            }
            case 1 -> {
                method = "PUT";
                path = "/admin/apps/" + real + "/status" + pick(r, "", "?value=UNKNOWN", "?value=up", "?value=",
                        "?value=RUNNING", "?value=%00", "?valu=DOWN");
                expected = s -> s == 400;
            }
            case 2 -> {
                method = pick(r, "PUT", "DELETE");
                path = "/admin/apps/" + ghost + "/status?value=" + pick(r, "DOWN", "OUT_OF_SERVICE");
                expected = s -> s == 404;
            }
            case 3 -> {
                // Deregistering is left to unknown instances: a cancel drops the override of any app's same id.
                method = "DELETE";
                path = "/admin/apps/" + pick(r, "NOPE", "STABLE") + "/" + pick(r, "missing", "fuzz-3");
                expected = s -> s == 404;
            }
            case 4 -> {
                method = pick(r, "POST", "GET", "PATCH", "OPTIONS");
                path = "/admin/apps/" + real + pick(r, "/status?value=DOWN", "");
                expected = s -> s == 405;
            }
            case 5 -> {
                method = pick(r, "PUT", "POST");
                path = "/admin/apps/" + real;
                expected = s -> s == 405;
            }
            default -> {
                method = pick(r, METHODS);
                path = pick(r, "/admin", "/admin/", "/admin/apps", "/admin/apps/" + real + "/status/extra",
                        "/admin/nope", "/admin/%2e%2e/session", "/admin/apps/STABLE%2Fstable-0/status?value=DOWN",
                        "/admin//apps//STABLE//x", "/admin/sessio%6E");
                expected = s -> s != 401 && s != 403;
            }
        }
        return http("admin", HttpRequest.newBuilder(live.uri(path)).header("Authorization", ADMIN)
                .method(method, HttpRequest.BodyPublishers.noBody()), expected);
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

    /** A batch from someone who is not a peer: the gate's 401 or 403. */
    private Sent batchWithoutPeerCredentials(SplittableRandom r) {
        // No basic credentials of unknown users: refusing those costs a full PBKDF2 run, by design.
        String who = pick(r, null, ADMIN, "Bearer " + PEER_TOKEN + "x", "Bearer", "Basic !!", "Digest x");
        HttpRequest.Builder b = HttpRequest.newBuilder(live.uri("/eureka/peerreplication/batch"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(batchBody(r)));
        if (who != null) {
            b.header("Authorization", who);
        }
        return http("batch-refused", b, ADMIN.equals(who) ? s -> s == 403 : s -> s == 401);
    }

    /** A peer's batch: every item is bad or aims at an unknown instance, so none may change the registry. */
    private Sent batchAsPeer(SplittableRandom r) {
        byte[] body = batchBody(r).getBytes(StandardCharsets.UTF_8);
        switch (r.nextInt(10)) {
            case 0 -> body = java.util.Arrays.copyOf(body, r.nextInt(Math.max(1, body.length)));
            case 1 -> body = (new String(body, StandardCharsets.UTF_8) + pick(r, "x", "{}", ",", "]"))
                    .getBytes(StandardCharsets.UTF_8);
            case 2 -> body = (pick(r, "[", "x", "\u0000", "{\"replicationList\":") + new String(body,
                    StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            default -> {
            }
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(live.uri(pick(r, "/eureka/peerreplication/batch",
                        "/eureka/peerreplication/batch/")))
                .header("Authorization", PEER)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (r.nextInt(5) > 0) {
            b.header("Content-Type", "application/json");
        }
        return http("batch-peer", b, s -> s == 200 || s == 400);
    }

    private String batchBody(SplittableRandom r) {
        if (r.nextInt(6) == 0) {
            return pick(r, "[", "{\"replicationList\":7}", "null", "{}", "{\"replicationList\":[]}",
                    "{\"replicationList\":[1,2]}", "{\"replicationList\":[[]]}", "", "{\"other\":{\"a\":[1]}}");
        }
        int items = 1 + r.nextInt(6);
        if (items == 1 && r.nextBoolean()) {
            return "{\"replicationList\":" + batchItem(r) + "}";
        }
        StringBuilder b = new StringBuilder("{\"replicationList\":[");
        for (int i = 0; i < items; i++) {
            b.append(i == 0 ? "" : ",").append(batchItem(r));
        }
        return b.append("]}").toString();
    }

    /**
     * One replicated operation that must change nothing: items that name a registered instance carry a bad status,
     * a bad timestamp or a defective instance; well-formed ones name an instance nobody registered.
     */
    private static String batchItem(SplittableRandom r) {
        String realApp = pick(r, "STABLE", "stable");
        String realId = pick(r, REAL_IDS);
        String ghostApp = pick(r, "FUZZ", "NOPE");
        String ghostId = pick(r, "f", "missing", "fuzz-" + r.nextInt(100));
        return switch (r.nextInt(16)) {
            case 0 -> item(ghostApp, ghostId, pick(r, "Explode", "register", "", "CANCEL"), "");
            case 1 -> pick(r, "{\"action\":\"Heartbeat\"}", "{}", "{\"appName\":\"STABLE\",\"action\":\"Cancel\"}",
                    "{\"appName\":null,\"id\":null,\"action\":null}", "{\"appName\":\"FUZZ\",\"id\":\"f\"}");
            case 2 -> item(realApp, realId, "StatusUpdate", ",\"status\":\"" + pick(r, "up", "RUNNING", "",
                    "OUT_OF_SERVICE ", "\\u0000") + "\"");
            case 3 -> item(realApp, realId, pick(r, "StatusUpdate", "DeleteStatusOverride"), ",\"status\":"
                    + pick(r, "7", "true", "\"down\"", "\"BOGUS\""));
            case 4 -> item(pick(r, ghostApp, realApp), pick(r, ghostId), "StatusUpdate", ",\"status\":\""
                    + pick(r, "UP", "DOWN", "OUT_OF_SERVICE") + "\",\"lastDirtyTimestamp\":" + FAR_FUTURE);
            case 5 -> item(ghostApp, realId, pick(r, "StatusUpdate", "DeleteStatusOverride"), ",\"status\":\"DOWN\"");
            case 6 -> item(pick(r, ghostApp, realApp), ghostId, "Heartbeat", ",\"lastDirtyTimestamp\":"
                    + pick(r, "1712000000000", "\"1712000000001\"", "-1", FAR_FUTURE)
                    + pick(r, "", ",\"overriddenStatus\":\"OUT_OF_SERVICE\"", ",\"overriddenstatus\":\"bogus\""));
            // These two break the whole batch, which is parsed before any item is applied.
            case 7 -> r.nextBoolean()
                    ? item(pick(r, realApp, ghostApp), pick(r, realId, ghostId), pick(r, "Heartbeat", "Cancel",
                    "StatusUpdate"), ",\"lastDirtyTimestamp\":" + pick(r, "\"soon\"", "1.5", "{}", "[]", "true",
                    "\"\"", "99999999999999999999"))
                    : item(pick(r, realApp, ghostApp), pick(r, realId, null), "Register", ",\"instanceInfo\":"
                    + pick(r, "[1]", "\"x\"", "7", "{\"app\":[1,2]}", "{\"port\":{\"$\":\"NaN\"}}",
                    "{\"status\":\"up\"}", "{\"metadata\":{\"a\":{\"b\":1}}}"));
            case 8 -> item(pick(r, ghostApp, realApp), ghostId, "Cancel", "");
            case 9 -> {
                String app = pick(r, realApp, ghostApp);
                yield item(app, null, "Register", ",\"instanceInfo\":"
                        + instanceBody(faulty(r, app.toUpperCase(), "fuzz-" + r.nextInt(100)).body()));
            }
            case 10 -> item(realApp, null, "Register", ",\"instanceInfo\":"
                    + instanceBody(instanceJson(pick(r, "OTHER", "STABLE2"), "fuzz-" + r.nextInt(100), "UP")));
            case 11 -> item(pick(r, realApp, ghostApp), pick(r, ghostId, "", "../stable-0", "stable-0\\u0000"),
                    pick(r, "Cancel", "Heartbeat", "DeleteStatusOverride"), ",\"status\":\"UP\"");
            case 12 -> "{\"appName\":" + pick(r, "7", "true", "1.5") + ",\"id\":" + pick(r, "false", "3") + ","
                    + "\"action\":\"" + pick(r, "Cancel", "Heartbeat", "StatusUpdate") + "\",\"status\":\"DOWN\"}";
            case 13 -> item(ghostApp, ghostId, pick(r, "Cancel", "Heartbeat"), ",\"extra\":{\"deep\":[[[{\"x\":"
                    + "[1,{}]}]]],\"more\":null},\"instanceInfo\":null");
            case 14 -> {
                // Without an id: a Register fails validation, every other action is refused with 400.
                String action = pick(r, "Register", "Heartbeat", "StatusUpdate", "DeleteStatusOverride", "Cancel");
                yield item(pick(r, realApp, ghostApp), null, action,
                        ",\"status\":\"DOWN\",\"instanceInfo\":{\"app\":\"X\"}");
            }
            default -> item(realApp, realId, "Register", ",\"instanceInfo\":"
                    + instanceBody(faulty(r, "STABLE", realId).body()));
        };
    }

    private static String item(String app, String id, String action, String rest) {
        return "{\"appName\":\"" + app + "\"" + (id == null ? "" : ",\"id\":\"" + id + "\"") + ",\"action\":\""
                + action + "\"" + rest + "}";
    }

    /** The object inside a {@code {"instance":…}} register body. */
    private static String instanceBody(String registerBody) {
        return registerBody.substring("{\"instance\":".length(), registerBody.length() - 1);
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

    /** A metadata update of a registered instance that breaks a metadata limit: refused before it is merged. */
    private Sent metadataUpdate(SplittableRandom r) {
        StringBuilder q = new StringBuilder();
        if (r.nextBoolean()) {
            // With the one key the instance has, 256 new ones are one too many.
            int keys = 256 + r.nextInt(400);
            for (int k = 0; k < keys; k++) {
                q.append(k == 0 ? "" : "&").append("m").append(k).append("=v");
            }
        } else {
            q.append("ok=1&").append("k".repeat(257 + r.nextInt(2000))).append("=v");
        }
        return http("metadata", HttpRequest.newBuilder(live.uri("/eureka/apps/" + pick(r, "STABLE", "stable") + "/"
                + pick(r, REAL_IDS) + "/metadata?" + q)).PUT(HttpRequest.BodyPublishers.noBody()), s -> s == 400);
    }

    // ---------------------------------------------------------------- large inputs

    private void buildLargeInputs() throws IOException {
        String faultyUnder = instanceJson("ORDERS", "fuzz-big", "UP").replace("\"port\":{\"$\":8080",
                "\"port\":{\"$\":65536");
        bodyJustUnder = padded(faultyUnder, MAX_BODY - 7);
        bodyAtLimit = padded(faultyUnder, MAX_BODY);
        bodyJustOver = padded(faultyUnder, MAX_BODY + 1);
        bodyFarOver = padded(faultyUnder, 4 * MAX_BODY);
        int depth = 100_000;
        nestedArrays = ("{\"instance\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
        nestedArraysBatch = ("{\"replicationList\":[],\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}")
                .getBytes(StandardCharsets.UTF_8);
        int objects = 40_000;
        nestedObjectsBatch = ("{\"replicationList\":[{\"appName\":\"FUZZ\",\"action\":\"Register\",\"instanceInfo\":"
                + "{\"extra\":" + "{\"a\":".repeat(objects) + "1" + "}".repeat(objects) + "}}]}")
                .getBytes(StandardCharsets.UTF_8);
        nestedXml = ("<instance>" + "<a>".repeat(30_000) + "</a>".repeat(30_000) + "</instance>")
                .getBytes(StandardCharsets.UTF_8);
        manyMetadataKeys = instanceJson("ORDERS", "fuzz-keys", "UP").replace("{\"management.port\":\"8080\"}",
                keys(15_000, k -> "k" + k)).getBytes(StandardCharsets.UTF_8);
        // 4096 distinct keys with one String hash code ("Aa" and "BB" collide).
        collidingMetadataKeys = instanceJson("ORDERS", "fuzz-hash", "UP").replace("{\"management.port\":\"8080\"}",
                keys(4096, k -> {
                    StringBuilder s = new StringBuilder();
                    for (int bit = 0; bit < 12; bit++) {
                        s.append((k >> bit & 1) == 0 ? "Aa" : "BB");
                    }
                    return s.toString();
                })).getBytes(StandardCharsets.UTF_8);
        StringBuilder batch = new StringBuilder("{\"replicationList\":[");
        for (int i = 0; i < 5_000; i++) {
            batch.append(i == 0 ? "" : ",").append(item("FUZZ", "g" + i, "Cancel", ""));
        }
        manyBatchItems = batch.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        assertThat(manyBatchItems.length).isLessThan(MAX_BODY);
        assertThat(nestedArrays.length).isLessThan(MAX_BODY);
        assertThat(nestedObjectsBatch.length).isLessThan(MAX_BODY);
        assertThat(nestedXml.length).isLessThan(MAX_BODY);
        assertThat(manyMetadataKeys.length).isLessThan(MAX_BODY);

        gzipBomb = gzip(new byte[1 << 20], 64); // 64 MiB of zeros
        assertThat(gzipBomb.length).isLessThan(MAX_BODY);
        gzipJustUnder = gzip(padded(faultyUnder, MAX_BODY - 3), 1);
        gzipJustOver = gzip(padded(faultyUnder, MAX_BODY + 1), 1);

        StringBuilder within = new StringBuilder();
        for (int i = 0; i < 2_500; i++) {
            within.append('x').append(i).append(":v\r\n");
        }
        headersWithinLimit = within.toString();
        assertThat(headersWithinLimit.length()).isLessThan(30 * 1024);
        StringBuilder beyond = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            beyond.append('x').append(i).append(":v\r\n");
        }
        headersBeyondLimit = beyond.toString();
    }

    /** A register body made exactly {@code size} bytes long by an unknown field the reader skips. */
    private static byte[] padded(String registerBody, int size) {
        String head = registerBody.substring(0, registerBody.length() - 2) + ",\"padding\":\"";
        String tail = "\"}}";
        int fill = size - head.length() - tail.length();
        byte[] b = (head + "p".repeat(fill) + tail).getBytes(StandardCharsets.UTF_8);
        assertThat(b).hasSize(size);
        return b;
    }

    private static byte[] gzip(byte[] chunk, int times) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
            for (int i = 0; i < times; i++) {
                gz.write(chunk);
            }
        }
        return out.toByteArray();
    }

    private Sent large(SplittableRandom r) {
        int c = r.nextInt(20);
        IntPredicate is400 = s -> s == 400;
        IntPredicate is413 = s -> s == 413;
        return switch (c) {
            case 0 -> http("large-body-just-under", post("/eureka/apps/ORDERS", bodyJustUnder, null), is400);
            case 1 -> http("large-body-at-limit", post("/eureka/apps/ORDERS", bodyAtLimit, null), is400);
            case 2 -> streamed("large-body-just-over", post("/eureka/apps/ORDERS", null), bodyJustOver, false, is413);
            case 3 -> streamed("large-body-far-over", post("/eureka/apps/ORDERS", null), bodyFarOver, true,
                    is413);
            case 4 -> streamed("large-batch-over", post("/eureka/peerreplication/batch", PEER), bodyJustOver,
                    r.nextBoolean(), is413);
            case 5 -> http("large-nested-arrays", post("/eureka/apps/ORDERS", nestedArrays, null), is400);
            case 6 -> http("large-nested-arrays-batch", post("/eureka/peerreplication/batch", nestedArraysBatch,
                    PEER), is400);
            case 7 -> http("large-nested-objects-batch", post("/eureka/peerreplication/batch", nestedObjectsBatch,
                    PEER), s -> s == 400 || s == 200);
            case 8 -> http("large-nested-xml", post("/eureka/apps/ORDERS", nestedXml, null)
                    .setHeader("Content-Type", "application/xml"), is400);
            case 9 -> http("large-gzip-bomb", post(pick(r, "/eureka/apps/ORDERS", "/eureka/peerreplication/batch"),
                    gzipBomb, PEER).header("Content-Encoding", "gzip"), is413);
            case 10 -> http("large-gzip-just-under", post("/eureka/apps/ORDERS", gzipJustUnder, null)
                    .header("Content-Encoding", "gzip"), is400);
            case 11 -> http("large-gzip-just-over", post("/eureka/apps/ORDERS", gzipJustOver, null)
                    .header("Content-Encoding", pick(r, "gzip", "GZIP", "x-gzip")), is413);
            case 12 -> http("large-gzip-broken", post("/eureka/apps/ORDERS", pick(r, bodyJustUnder,
                    java.util.Arrays.copyOf(gzipJustUnder, 1 + r.nextInt(gzipJustUnder.length - 1))), null)
                    .header("Content-Encoding", "gzip"), is400);
            case 13 -> http("large-metadata-keys", post("/eureka/apps/ORDERS", manyMetadataKeys, null), is400);
            case 14 -> http("large-metadata-colliding-keys", post("/eureka/apps/ORDERS", collidingMetadataKeys,
                    null), is400);
            case 15 -> http("large-batch-5000-cancels", post("/eureka/peerreplication/batch", manyBatchItems, PEER),
                    s -> s == 200);
            case 16 -> rawSafe("large-headers-within-limit-get", "GET /eureka/apps HTTP/1.1\r\nHost: x\r\n"
                    + headersWithinLimit + "Connection: close\r\n\r\n", new byte[0], s -> s == 200);
            case 17 -> {
                byte[] body = faulty(r, "ORDERS", "fuzz-h").body().getBytes(StandardCharsets.UTF_8);
                String repeated = r.nextBoolean() ? headersWithinLimit
                        : "x-netflix-discovery-replication: true\r\n".repeat(700);
                yield rawSafe("large-headers-within-limit-post", "POST /eureka/apps/ORDERS HTTP/1.1\r\nHost: x\r\n"
                        + repeated + "Content-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n", body, is400);
            }
            case 18 -> rawSafe("large-headers-beyond-limit", pick(r, "GET /eureka/apps", "POST /eureka/apps/ORDERS",
                    "POST /eureka/peerreplication/batch") + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + PEER + "\r\n"
                    + headersBeyondLimit + "Content-Length: 0\r\nConnection: close\r\n\r\n", new byte[0],
                    s -> s == 431);
            default -> rawSafe("large-headers-many-authorizations", "POST /eureka/peerreplication/batch HTTP/1.1\r\n"
                    + "Host: x\r\n" + ("Authorization: Bearer guess-" + r.nextInt(1000) + "\r\n").repeat(1_000)
                    + "Content-Length: 2\r\nConnection: close\r\n\r\n", "{}".getBytes(StandardCharsets.UTF_8),
                    s -> s == 401);
        };
    }

    private HttpRequest.Builder post(String path, byte[] body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(live.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    /** The head of a JSON POST to {@code path}, for {@link #streamed}. */
    private static String post(String path, String authorization) {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n");
    }

    /** A body sent with its Content-Length or chunked (no length to refuse it by: it must be cut off as it comes). */
    private Sent streamed(String kind, String head, byte[] body, boolean chunked, IntPredicate expected) {
        if (!chunked) {
            return rawSafe(kind, head + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n", body,
                    expected);
        }
        ByteArrayOutputStream chunks = new ByteArrayOutputStream(body.length + 1024);
        for (int at = 0; at < body.length; at += 16 * 1024) {
            int n = Math.min(16 * 1024, body.length - at);
            chunks.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunks.write(body, at, n);
            chunks.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunks.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return rawSafe(kind + "-chunked", head + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
                chunks.toByteArray(), expected);
    }

    // ---------------------------------------------------------------- sending and observing

    private Sent http(String kind, HttpRequest.Builder request, IntPredicate expected) {
        HttpRequest built = request.build();
        HttpResponse<byte[]> r = send(request);
        return new Sent(kind, built.method() + " " + abbreviate(built.uri().toString()) + " " + headersOf(built),
                r.statusCode(), new String(r.body(), StandardCharsets.UTF_8), expected);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        return live.send(request);
    }

    private static String headersOf(HttpRequest r) {
        Map<String, List<String>> h = new TreeMap<>(r.headers().map());
        h.computeIfPresent("Authorization", (k, v) -> List.of(v.get(0).startsWith("Bearer fuzz-peer") ? "peer"
                : v.get(0).startsWith("Bearer fuzz-admin") ? "admin" : "other"));
        return h.toString();
    }

    /**
     * Sends raw bytes while reading the answer, so that an answer given before the whole request was written (a
     * refusal of an oversized body or head, after which the server closes) is seen even if the rest of the write
     * fails. Returns -1 if the connection ended without a status line.
     */
    private Sent rawSafe(String kind, String head, byte[] body, IntPredicate expected) {
        String what = abbreviate(head.lines().findFirst().orElse("")) + " (" + head.length() + " header bytes, "
                + body.length + " body bytes)";
        try (Socket socket = new Socket("127.0.0.1", live.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            Future<?> writing = writer.submit(() -> {
                try {
                    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body);
                    out.flush();
                } catch (IOException stoppedReading) {
                    // The server may close once it has refused; what it answered is read below.
                }
            });
            InputStream in = socket.getInputStream();
            byte[] answer = new byte[512];
            int len = 0;
            try {
                int n;
                while (len < answer.length && !new String(answer, 0, len, StandardCharsets.ISO_8859_1)
                        .contains("\r\n\r\n") && (n = in.read(answer, len, answer.length - len)) > 0) {
                    len += n;
                }
            } catch (SocketException | java.net.SocketTimeoutException reset) {
                // A reset after the answer arrived; without one, len stays short of a status line.
            }
            socket.close();
            try {
                writing.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            String text = new String(answer, 0, len, StandardCharsets.ISO_8859_1);
            int status = text.startsWith("HTTP/1.") && text.length() >= 12 ? Integer.parseInt(text.substring(9, 12))
                    : -1;
            return new Sent(kind, what, status, text, expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (InstanceInfo i : live.server.registry().snapshot().applications().instances()) {
            rows.add(new Row(i.app(), i.id(), i.status(), i.overriddenStatus(), i.lastDirtyTimestamp()));
        }
        rows.sort(Comparator.comparing(Row::app).thenComparing(Row::id));
        return rows;
    }

    /** The least heap in use over a few explicit GCs (each a full, stop-the-world collection on G1 and the others). */
    private static long usedHeapAfterGc() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    /** Which check a 400 came from, by its reason. */
    private static java.util.Optional<String> reason(String body) {
        String b = body.toLowerCase(java.util.Locale.ROOT);
        String r = b.contains("too many metadata keys") ? "too many metadata keys"
                : b.contains("metadata") ? "metadata"
                : b.contains("port") && b.contains("out of range") ? "port"
                : b.contains("leaseinfo") ? "lease"
                : b.contains("plausible time") ? "timestamp"
                : b.startsWith("missing") ? "missing field"
                : b.contains("mismatched appname") ? "app name"
                : b.contains("larger than") ? "size"
                : null;
        return java.util.Optional.ofNullable(r);
    }

    private static int count(Map<String, Map<Integer, Integer>> statuses, String kind, int status) {
        return statuses.getOrDefault(kind, Map.of()).getOrDefault(status, 0);
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...(" + s.length() + " chars)";
    }

    @SafeVarargs
    private static <T> T pick(SplittableRandom r, T... options) {
        return options[r.nextInt(options.length)];
    }
}
