package io.cairn.client.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.client.cache.InstanceChange;
import io.cairn.model.ActionType;
import io.cairn.model.InstanceStatus;
import io.cairn.model.codec.CodecException;
import io.cairn.model.codec.EurekaJsonCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WatchEnvelopeReaderTest {
    private final WatchEnvelopeReader reader = new WatchEnvelopeReader(new EurekaJsonCodec(() -> 0L));

    private static final String INSTANCE = "{\"instanceId\":\"ord-1:orders:8080\",\"hostName\":\"ord-1\","
            + "\"app\":\"ORDERS\",\"ipAddr\":\"10.0.0.1\",\"status\":\"DOWN\",\"overriddenStatus\":\"UNKNOWN\","
            + "\"port\":{\"$\":8080,\"@enabled\":\"true\"},\"securePort\":{\"$\":443,\"@enabled\":\"false\"},"
            + "\"countryId\":1,\"dataCenterInfo\":{\"@class\":\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\","
            + "\"name\":\"MyOwn\"},\"metadata\":{\"zone\":\"z1\"},\"vipAddress\":\"orders\","
            + "\"isCoordinatingDiscoveryServer\":\"false\",\"lastUpdatedTimestamp\":\"1\",\"lastDirtyTimestamp\":\"2\"}";

    private WatchAnswer read(String json) {
        return reader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsChanges() {
        WatchAnswer a = read("{\"index\":123,\"epoch\":\"9f3a\",\"reset\":false,\"events\":["
                + "{\"index\":122,\"action\":\"MODIFIED\",\"instance\":" + INSTANCE + "},"
                + "{\"instance\":" + INSTANCE + ",\"action\":\"DELETED\",\"index\":123}]}");
        assertThat(a.index()).isEqualTo(123);
        assertThat(a.epoch()).isEqualTo("9f3a");
        assertThat(a.reset()).isFalse();
        assertThat(a.events()).extracting(InstanceChange::action).containsExactly(ActionType.MODIFIED, ActionType.DELETED);
        assertThat(a.events().get(0).instance().status()).isEqualTo(InstanceStatus.DOWN);
        assertThat(a.events().get(0).instance().metadata()).containsEntry("zone", "z1");
    }

    @Test
    void readsAnEmptyAnswerAndAResetAndSkipsUnknownFields() {
        assertThat(read("{\"index\":7,\"epoch\":\"e\",\"reset\":false,\"events\":[]}").events()).isEmpty();
        WatchAnswer reset = read("{\"future\":{\"x\":[1,2]},\"index\":\"9\",\"reset\":true,\"events\":["
                + "{\"index\":9,\"action\":\"ADDED\",\"note\":\"hi\",\"instance\":" + INSTANCE + "}]}");
        assertThat(reset.reset()).isTrue();
        assertThat(reset.index()).isEqualTo(9);
        assertThat(reset.epoch()).isNull();
        assertThat(reset.events()).hasSize(1);
    }

    @Test
    void refusesWhatIsNotAWatchAnswer() {
        assertThatThrownBy(() -> read("<html>")).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> read("{\"applications\":{}}")).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> read("{\"index\":1,\"events\":[{\"action\":\"RENAMED\",\"instance\":" + INSTANCE + "}]}"))
                .isInstanceOf(CodecException.class).hasMessageContaining("RENAMED");
        assertThatThrownBy(() -> read("{\"index\":1,\"events\":[{\"action\":\"ADDED\"}]}"))
                .isInstanceOf(CodecException.class);
    }
}
