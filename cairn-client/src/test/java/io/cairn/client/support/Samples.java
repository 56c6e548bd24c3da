package io.cairn.client.support;

import io.cairn.model.DataCenterInfo;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.model.LeaseInfo;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Hand-made instances. */
public final class Samples {
    private Samples() {
    }

    public static InstanceInfo instance(String app, String id, InstanceStatus status) {
        return instance(app, id, status, Map.of());
    }

    public static InstanceInfo instance(String app, String id, InstanceStatus status, Map<String, String> metadata) {
        return InstanceInfo.builder()
                .instanceId(id)
                .hostName(id + ".test")
                .app(app.toUpperCase(Locale.ROOT))
                .ipAddr("10.0.0.1")
                .status(status)
                .port(8080)
                .dataCenterInfo(DataCenterInfo.MY_OWN)
                .leaseInfo(LeaseInfo.DEFAULT)
                .metadata(new LinkedHashMap<>(metadata))
                .vipAddress(app.toLowerCase(Locale.ROOT))
                .secureVipAddress(app.toLowerCase(Locale.ROOT))
                .lastDirtyTimestamp(1000)
                .lastUpdatedTimestamp(1000)
                .build();
    }

    public static InstanceInfo inZone(String app, String id, String zone) {
        return instance(app, id, InstanceStatus.UP, Map.of("zone", zone));
    }

    public static InstanceInfo weighted(String app, String id, int weight) {
        return instance(app, id, InstanceStatus.UP, Map.of("weight", Integer.toString(weight)));
    }
}
