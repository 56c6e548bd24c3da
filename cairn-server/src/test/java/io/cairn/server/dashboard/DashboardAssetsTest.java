package io.cairn.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.server.http.LiveServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DashboardAssetsTest {
    private static final Pattern LINK = Pattern.compile("/dashboard/(app\\.js|style\\.css|favicon\\.svg)\\?v=(\\w+)");

    private final LiveServer live = new LiveServer();

    @AfterEach
    void stop() {
        live.close();
    }

    private String page() {
        HttpResponse<byte[]> r = live.get("/", "text/html");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'").contains("script-src 'self'"));
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void thePageLinksItsAssetsByContentHashAndKnowsTheBasePath() {
        String html = page();
        assertThat(html).contains("data-base=\"/eureka\"").doesNotContain("{{");
        Matcher m = LINK.matcher(html);
        int links = 0;
        while (m.find()) {
            links++;
            HttpResponse<byte[]> asset = live.get(m.group(), "*/*");
            assertThat(asset.statusCode()).isEqualTo(200);
            assertThat(asset.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
            assertThat(asset.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        assertThat(links).isGreaterThanOrEqualTo(3);
    }

    @Test
    void servesEachAssetWithItsContentType() {
        assertThat(live.get("/dashboard/app.js", "*/*").headers().firstValue("Content-Type"))
                .hasValue("text/javascript; charset=utf-8");
        assertThat(live.get("/dashboard/style.css", "*/*").headers().firstValue("Content-Type"))
                .hasValue("text/css; charset=utf-8");
        assertThat(live.get("/favicon.ico", "*/*").headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        // Without the current hash an asset must be revalidated, as the next version may change it.
        assertThat(live.get("/dashboard/app.js", "*/*").headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(live.get("/dashboard/nothing.js", "*/*").statusCode()).isEqualTo(404);
        assertThat(live.get("/dashboard/../pom.xml", "*/*").statusCode()).isEqualTo(404);
    }

    @Test
    void revalidationWithTheEtagCostsNoBody() {
        HttpResponse<byte[]> first = live.get("/dashboard/app.js", "*/*");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = live.send(HttpRequest.newBuilder(live.uri("/dashboard/app.js"))
                .header("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void needsNothingFromTheInternet() {
        String all = page() + body("/dashboard/app.js") + body("/dashboard/style.css")
                + body("/dashboard/favicon.svg");
        // The SVG's XML namespace is a name, not something fetched.
        assertThat(all.replace("http://www.w3.org/2000/svg", "")).doesNotContainPattern("(?i)https?://")
                .doesNotContain("//cdn").doesNotContain("@import");
    }

    private String body(String path) {
        return new String(live.get(path, "*/*").body(), StandardCharsets.UTF_8);
    }
}
