package io.cairn.server.registry;

import io.cairn.model.DataCenterInfo;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.model.LeaseInfo;

/** Test instances shaped like what the Netflix and Spring clients register. */
final class Instances {
    private Instances() {
    }

    static InstanceInfo.Builder instance(String app, String id) {
        return InstanceInfo.builder()
                .instanceId(id)
                .app(app.toUpperCase())
                .hostName(id + ".internal")
                .ipAddr("10.0.0.1")
                .port(8080)
                .status(InstanceStatus.UP)
                .dataCenterInfo(DataCenterInfo.MY_OWN)
                .leaseInfo(LeaseInfo.DEFAULT)
                .vipAddress(app.toLowerCase())
                .secureVipAddress(app.toLowerCase())
                .lastDirtyTimestamp(1_000);
    }
}
