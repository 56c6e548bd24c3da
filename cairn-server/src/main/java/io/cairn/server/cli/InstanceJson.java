package io.cairn.server.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import java.io.IOException;
import java.util.Map;

/** The client commands' JSON view of an instance: the fields an operator scripts against, flat and stable. */
final class InstanceJson {
    private InstanceJson() {
    }

    static void write(JsonGenerator g, InstanceInfo i) throws IOException {
        g.writeStartObject();
        g.writeStringField("app", i.app());
        g.writeStringField("instanceId", i.id());
        g.writeStringField("hostName", i.hostName());
        g.writeStringField("ipAddr", i.ipAddr());
        if (i.portEnabled()) {
            g.writeNumberField("port", i.port());
        }
        if (i.securePortEnabled()) {
            g.writeNumberField("securePort", i.securePort());
        }
        g.writeStringField("status", i.status().name());
        if (i.overriddenStatus() != InstanceStatus.UNKNOWN) {
            g.writeStringField("overriddenStatus", i.overriddenStatus().name());
        }
        String zone = zone(i);
        if (zone != null) {
            g.writeStringField("zone", zone);
        }
        if (i.vipAddress() != null) {
            g.writeStringField("vipAddress", i.vipAddress());
        }
        if (i.leaseInfo() != null) {
            g.writeNumberField("registrationTimestamp", i.leaseInfo().registrationTimestamp());
            g.writeNumberField("lastRenewalTimestamp", i.leaseInfo().lastRenewalTimestamp());
        }
        g.writeObjectFieldStart("metadata");
        for (Map.Entry<String, String> m : i.metadata().entrySet()) {
            g.writeStringField(m.getKey(), m.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Spring Cloud's {@code zone} metadata, else the AWS availability zone, else null. */
    static String zone(InstanceInfo i) {
        String zone = i.metadata().get("zone");
        if (zone == null && i.dataCenterInfo() != null) {
            zone = i.dataCenterInfo().metadata().get("availability-zone");
        }
        return zone;
    }

    /** {@code host:port}, with the secure port when only that one is enabled. */
    static String address(InstanceInfo i) {
        String host = i.hostName() != null && !i.hostName().isBlank() ? i.hostName() : i.ipAddr();
        if (!i.portEnabled() && i.securePortEnabled()) {
            return host + ":" + i.securePort();
        }
        return host + ":" + i.port();
    }
}
