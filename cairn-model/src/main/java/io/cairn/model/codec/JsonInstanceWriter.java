package io.cairn.model.codec;

import static io.cairn.model.codec.JsonNames.*;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import io.cairn.model.DataCenterInfo;
import io.cairn.model.InstanceInfo;
import io.cairn.model.LeaseInfo;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Writes one instance object exactly as Netflix's legacy {@code EurekaJacksonCodec} does (full form), or as its
 * {@code JacksonJsonMini} codec does (compact form). Stateless.
 */
final class JsonInstanceWriter {

    /** The only AWS keys the mini codec keeps: what a client needs to pick a zone and reach the instance. */
    private static final Set<String> COMPACT_AMAZON_KEYS =
            Set.of("instance-id", "public-ipv4", "public-hostname", "local-ipv4", "availability-zone");

    void writeFull(JsonGenerator g, InstanceInfo i) throws IOException {
        g.writeStartObject();
        if (i.instanceId() != null) {
            g.writeFieldName(K_INSTANCE_ID);
            g.writeString(i.instanceId());
        }
        // The legacy writer emits these three even when null (as JSON null), so we do too.
        g.writeFieldName(K_HOST_NAME);
        g.writeString(i.hostName());
        g.writeFieldName(K_APP);
        g.writeString(i.app());
        g.writeFieldName(K_IP_ADDR);
        g.writeString(i.ipAddr());
        String sid = i.sid();
        if (sid != null && !"na".equals(sid) && !"unknown".equals(sid)) {
            g.writeFieldName(K_SID);
            g.writeString(sid);
        }
        g.writeFieldName(K_STATUS);
        g.writeString(of(i.status()));
        g.writeFieldName(K_OVERRIDDEN_STATUS);
        g.writeString(of(i.overriddenStatus()));
        writePorts(g, i);
        g.writeFieldName(K_COUNTRY_ID);
        g.writeNumber(i.countryId());
        if (i.dataCenterInfo() != null) {
            writeDataCenter(g, i.dataCenterInfo(), false);
        }
        if (i.leaseInfo() != null) {
            writeLease(g, i.leaseInfo());
        }
        writeMetadata(g, i.metadata());
        writeOptional(g, K_APP_GROUP_NAME, i.appGroupName());
        writeOptional(g, K_HOME_PAGE_URL, i.homePageUrl());
        writeOptional(g, K_STATUS_PAGE_URL, i.statusPageUrl());
        writeOptional(g, K_HEALTH_CHECK_URL, i.healthCheckUrl());
        writeOptional(g, K_SECURE_HEALTH_CHECK_URL, i.secureHealthCheckUrl());
        writeOptional(g, K_VIP_ADDRESS, i.vipAddress());
        writeOptional(g, K_SECURE_VIP_ADDRESS, i.secureVipAddress());
        // The @Auto fields are written with String.valueOf, hence strings for a boolean and two longs.
        g.writeFieldName(K_IS_COORDINATING);
        g.writeString(of(i.coordinatingDiscoveryServer()));
        g.writeFieldName(K_LAST_UPDATED);
        g.writeString(Long.toString(i.lastUpdatedTimestamp()));
        g.writeFieldName(K_LAST_DIRTY);
        g.writeString(Long.toString(i.lastDirtyTimestamp()));
        if (i.actionType() != null) {
            g.writeFieldName(K_ACTION_TYPE);
            g.writeString(of(i.actionType()));
        }
        writeOptional(g, K_ASG_NAME, i.asgName());
        g.writeEndObject();
    }

    /** The mini form: bean order of {@code MiniInstanceInfoMixIn}, nulls omitted, the timestamp as a number. */
    void writeCompact(JsonGenerator g, InstanceInfo i) throws IOException {
        g.writeStartObject();
        writeOptional(g, K_INSTANCE_ID, i.instanceId());
        writeOptional(g, K_APP, i.app());
        writeOptional(g, K_IP_ADDR, i.ipAddr());
        writeOptional(g, K_VIP_ADDRESS, i.vipAddress());
        writeOptional(g, K_SECURE_VIP_ADDRESS, i.secureVipAddress());
        if (i.dataCenterInfo() != null) {
            writeDataCenter(g, i.dataCenterInfo(), true);
        }
        writeOptional(g, K_HOST_NAME, i.hostName());
        g.writeFieldName(K_STATUS);
        g.writeString(of(i.status()));
        g.writeFieldName(K_LAST_UPDATED);
        g.writeNumber(i.lastUpdatedTimestamp());
        if (i.actionType() != null) {
            g.writeFieldName(K_ACTION_TYPE);
            g.writeString(of(i.actionType()));
        }
        writeOptional(g, K_ASG_NAME, i.asgName());
        writePorts(g, i);
        g.writeEndObject();
    }

    private static void writePorts(JsonGenerator g, InstanceInfo i) throws IOException {
        g.writeFieldName(K_PORT);
        writePort(g, i.port(), i.portEnabled());
        g.writeFieldName(K_SECURE_PORT);
        writePort(g, i.securePort(), i.securePortEnabled());
    }

    private static void writePort(JsonGenerator g, int port, boolean enabled) throws IOException {
        g.writeStartObject();
        g.writeFieldName(K_PORT_VALUE);
        g.writeNumber(port);
        g.writeFieldName(K_PORT_ENABLED);
        g.writeString(of(enabled));
        g.writeEndObject();
    }

    private static void writeDataCenter(JsonGenerator g, DataCenterInfo dc, boolean compact) throws IOException {
        g.writeFieldName(K_DATA_CENTER_INFO);
        g.writeStartObject();
        g.writeFieldName(K_CLASS);
        g.writeString(dc.className());
        g.writeFieldName(K_NAME);
        g.writeString(dc.name());
        if (dc.isAmazon()) {
            g.writeFieldName(K_METADATA);
            g.writeStartObject();
            for (Map.Entry<String, String> e : dc.metadata().entrySet()) {
                if (!compact || COMPACT_AMAZON_KEYS.contains(e.getKey())) {
                    g.writeFieldName(e.getKey());
                    g.writeString(e.getValue());
                }
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeLease(JsonGenerator g, LeaseInfo lease) throws IOException {
        g.writeFieldName(K_LEASE_INFO);
        g.writeStartObject();
        g.writeFieldName(K_RENEWAL_INTERVAL);
        g.writeNumber(lease.renewalIntervalInSecs());
        g.writeFieldName(K_DURATION);
        g.writeNumber(lease.durationInSecs());
        g.writeFieldName(K_REGISTRATION_TS);
        g.writeNumber(lease.registrationTimestamp());
        g.writeFieldName(K_LAST_RENEWAL_TS);
        g.writeNumber(lease.lastRenewalTimestamp());
        g.writeFieldName(K_EVICTION_TS);
        g.writeNumber(lease.evictionTimestamp());
        g.writeFieldName(K_SERVICE_UP_TS);
        g.writeNumber(lease.serviceUpTimestamp());
        g.writeEndObject();
    }

    private static void writeMetadata(JsonGenerator g, Map<String, String> metadata) throws IOException {
        g.writeFieldName(K_METADATA);
        g.writeStartObject();
        if (metadata.isEmpty()) {
            // XStream-era type hint that every real writer emits for an empty map and every reader strips again.
            g.writeFieldName(K_CLASS);
            g.writeString(V_EMPTY_MAP_CLASS);
        } else {
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                g.writeFieldName(e.getKey());
                g.writeString(e.getValue());
            }
        }
        g.writeEndObject();
    }

    private static void writeOptional(JsonGenerator g, SerializableString name, String value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeString(value);
        }
    }
}
