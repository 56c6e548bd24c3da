package io.cairn.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OpsSettingsTest {

    private static CairnConfig load(Map<String, String> env, Map<String, String> cli) throws ConfigException {
        return ConfigLoader.load(null, env, Map.of(), cli).config();
    }

    @Test
    void adminCredentialsComeFromSettingsOrTheEnvironment() throws ConfigException {
        CairnConfig c = load(Map.of("CAIRN_ADMIN_TOKEN", "from-env"),
                Map.of("cairn.admin.username", "ops", "cairn.admin.password", "pw"));
        assertThat(c.admin().username()).isEqualTo("ops");
        assertThat(c.admin().password()).isEqualTo("pw");
        assertThat(c.admin().token()).isEqualTo("from-env");
        assertThat(c.admin().enabled()).isTrue();
    }

    @Test
    void adminActionsAreOffByDefault() throws ConfigException {
        CairnConfig c = load(Map.of(), Map.of());
        assertThat(c.admin().enabled()).isFalse();
        assertThat(c.admin().username()).isEqualTo("admin");
    }

    @Test
    void theZoneIsConfiguredOrTheRegionsFirstAvailabilityZone() throws ConfigException {
        assertThat(load(Map.of(), Map.of()).zone()).isEqualTo("defaultZone");
        assertThat(load(Map.of(), Map.of()).region()).isEqualTo("us-east-1");
        CairnConfig derived = load(Map.of(), Map.of("eureka.client.region", "eu-west-1",
                "eureka.client.availability-zones.eu-west-1", "eu-west-1b,eu-west-1a"));
        assertThat(derived.region()).isEqualTo("eu-west-1");
        assertThat(derived.zone()).isEqualTo("eu-west-1b");
        assertThat(load(Map.of(), Map.of("eureka.instance.metadata-map.zone", "rack-7")).zone()).isEqualTo("rack-7");
    }

    @Test
    void everySettingSurvivesARoundTripThroughTheBuilder() {
        CairnConfig c = CairnConfig.builder().region("ap-south-1").zone("ap-south-1c").adminPassword("pw")
                .adminToken("tok").build();
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void aMisspelledAdminKeyIsAnError() {
        assertThatThrownBy(() -> load(Map.of(), Map.of("cairn.admin.pasword", "pw")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cairn.admin.pasword");
    }
}
