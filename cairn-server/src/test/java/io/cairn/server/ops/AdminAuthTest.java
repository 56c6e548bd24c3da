package io.cairn.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.server.config.CairnConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AdminAuthTest {
    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsTheConfiguredUserAndPassword() {
        AdminAuth auth = new AdminAuth(new CairnConfig.Admin("ops", "s3cret", ""));
        assertThat(auth.check(basic("ops", "s3cret"))).isEqualTo(AdminAuth.Outcome.GRANTED);
        assertThat(auth.check(basic("ops", "wrong"))).isEqualTo(AdminAuth.Outcome.DENIED);
        assertThat(auth.check(basic("root", "s3cret"))).isEqualTo(AdminAuth.Outcome.DENIED);
        assertThat(auth.check("Bearer s3cret")).isEqualTo(AdminAuth.Outcome.DENIED);
        assertThat(auth.check(null)).isEqualTo(AdminAuth.Outcome.DENIED);
    }

    @Test
    void acceptsTheConfiguredTokenAsBearer() {
        AdminAuth auth = new AdminAuth(new CairnConfig.Admin("admin", "", "t0ken"));
        assertThat(auth.check("Bearer t0ken")).isEqualTo(AdminAuth.Outcome.GRANTED);
        assertThat(auth.check("bearer   t0ken ")).isEqualTo(AdminAuth.Outcome.GRANTED);
        assertThat(auth.check("Bearer t0ke")).isEqualTo(AdminAuth.Outcome.DENIED);
        // No password configured: basic never succeeds, even with an empty one.
        assertThat(auth.check(basic("admin", ""))).isEqualTo(AdminAuth.Outcome.DENIED);
    }

    @Test
    void refusesMalformedHeadersWithoutThrowing() {
        AdminAuth auth = new AdminAuth(new CairnConfig.Admin("admin", "pw", "tok"));
        assertThat(auth.check("Basic !!!not-base64")).isEqualTo(AdminAuth.Outcome.DENIED);
        assertThat(auth.check("Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes(
                StandardCharsets.UTF_8)))).isEqualTo(AdminAuth.Outcome.DENIED);
        assertThat(auth.check("Digest abc")).isEqualTo(AdminAuth.Outcome.DENIED);
        assertThat(auth.check("tok")).isEqualTo(AdminAuth.Outcome.DENIED);
    }

    @Test
    void isDisabledWithoutPasswordAndToken() {
        AdminAuth auth = new AdminAuth(new CairnConfig.Admin("admin", "", ""));
        assertThat(auth.enabled()).isFalse();
        assertThat(auth.check(basic("admin", ""))).isEqualTo(AdminAuth.Outcome.DISABLED);
    }

    @Test
    void neverShowsTheSecretsWhenPrinted() {
        assertThat(new CairnConfig.Admin("admin", "pw-123", "tok-456").toString())
                .doesNotContain("pw-123").doesNotContain("tok-456");
    }
}
