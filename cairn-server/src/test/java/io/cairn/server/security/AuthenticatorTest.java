package io.cairn.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.server.config.CairnConfig;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Authenticator of(CairnConfig.Builder config) {
        return new Authenticator(new CredentialStore(config.build()));
    }

    @Test
    void adminSettingsAreAnAdminUserAndToken() {
        Authenticator auth = of(CairnConfig.builder().adminUsername("ops").adminPassword("s3cret").adminToken("t0ken"));
        Authenticator.Result ok = auth.authenticate(basic("ops", "s3cret"), false);
        assertThat(ok.ok()).isTrue();
        assertThat(ok.principal().has(Role.ADMIN)).isTrue();
        assertThat(ok.principal().has(Role.CLIENT)).isTrue();
        assertThat(ok.principal().isPeer()).isFalse();
        assertThat(auth.authenticate(basic("ops", "wrong"), false).ok()).isFalse();
        assertThat(auth.authenticate(basic("root", "s3cret"), true).ok()).isFalse();
        assertThat(auth.authenticate("Bearer s3cret", false).ok()).isFalse();
        assertThat(auth.authenticate("Bearer t0ken", false).principal().has(Role.ADMIN)).isTrue();
        assertThat(auth.authenticate("bearer   t0ken ", false).ok()).isTrue();
        assertThat(auth.authenticate("Bearer t0ke", false).ok()).isFalse();
        assertThat(auth.authenticate(null, false).principal()).isEqualTo(Principal.ANONYMOUS);
        assertThat(auth.grants(Role.ADMIN)).isTrue();
    }

    @Test
    void malformedCredentialsAreRefusedWithAReasonThatHoldsNoSecret() {
        Authenticator auth = of(CairnConfig.builder().adminPassword("pw").adminToken("tok"));
        for (String h : List.of("Basic !!!not-base64", "Basic " + Base64.getEncoder().encodeToString(
                "no-colon".getBytes(StandardCharsets.UTF_8)), "Digest abc", "tok")) {
            Authenticator.Result r = auth.authenticate(h, true);
            assertThat(r.ok()).isFalse();
            assertThat(r.failure()).doesNotContain("tok").doesNotContain("pw");
        }
    }

    @Test
    void noCredentialsConfiguredGrantsNothing() {
        Authenticator auth = of(CairnConfig.builder());
        assertThat(auth.grants(Role.ADMIN)).isFalse();
        assertThat(auth.authenticate(basic("admin", ""), true).ok()).isFalse();
    }

    @Test
    void hashedUsersNeedOneSlowCheckThenAreRemembered() {
        String hash = PasswordHash.hash("pa55".toCharArray(), 1_000, new SecureRandom());
        Authenticator auth = of(CairnConfig.builder().user("svc", hash, "client"));
        assertThat(auth.authenticate(basic("svc", "pa55"), false)).isSameAs(Authenticator.Result.SLOW);
        Authenticator.Result slow = auth.authenticate(basic("svc", "pa55"), true);
        assertThat(slow.principal().name()).isEqualTo("svc");
        assertThat(slow.principal().has(Role.CLIENT)).isTrue();
        assertThat(slow.principal().has(Role.ADMIN)).isFalse();
        assertThat(auth.authenticate(basic("svc", "pa55"), false).ok()).isTrue();
        assertThat(auth.authenticate(basic("svc", "other"), false)).isSameAs(Authenticator.Result.SLOW);
        assertThat(auth.authenticate(basic("svc", "other"), true).ok()).isFalse();
        assertThat(auth.authenticate(basic("nobody", "pa55"), false)).isSameAs(Authenticator.Result.SLOW);
    }

    @Test
    void tokensAreHeldAsDigests() {
        Authenticator auth = of(CairnConfig.builder().token("ci", Secrets.tokenHash("abc"), "reader"));
        Principal p = auth.authenticate("Bearer abc", false).principal();
        assertThat(p.has(Role.READER)).isTrue();
        assertThat(p.has(Role.CLIENT)).isFalse();
    }

    @Test
    void peerUrlUserInfoAndThePeerTokenArePeers() {
        Authenticator auth = of(CairnConfig.builder()
                .peerUrls("http://peer:p%40ss@127.0.0.1:8761/eureka/,http://127.0.0.1:8762/eureka/")
                .peerToken("cluster-secret"));
        assertThat(auth.authenticate(basic("peer", "p@ss"), false).principal().isPeer()).isTrue();
        assertThat(auth.authenticate("Bearer cluster-secret", false).principal().isPeer()).isTrue();
    }

    @Test
    void keysAreReadInEveryEnvironmentSpelling() {
        String hash = PasswordHash.hash("x".toCharArray(), 1_000, new SecureRandom());
        List<String> errors = new ArrayList<>();
        Credentials c = Credentials.parse(Map.of(
                "CAIRN_SECURITY_USERS_alice_PASSWORD_HASH", hash, "CAIRN_SECURITY_USERS_alice_ROLES", "client,reader",
                "cairn.security.tokens.build-bot.hash", Secrets.tokenHash("t"),
                "cairn.security.tokens.build-bot.roles", "admin"), "test", errors);
        assertThat(errors).isEmpty();
        assertThat(c.users()).containsKey("alice");
        assertThat(c.tokens()).extracting(Credentials.Token::name).containsExactly("build-bot");
    }

    @Test
    void badEntriesAreReportedWithoutTheirValues() {
        List<String> errors = new ArrayList<>();
        Credentials.parse(Map.of("users.bob.password-hash", "plain-text-secret", "users.bob.roles", "client",
                "tokens.t.hash", "sha256:AAAA", "tokens.t.roles", "root"), "test", errors);
        assertThat(errors).hasSize(2).allSatisfy(e -> assertThat(e).doesNotContain("plain-text-secret"));
    }
}
