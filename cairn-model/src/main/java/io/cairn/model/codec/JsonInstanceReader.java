package io.cairn.model.codec;

import static io.cairn.model.codec.JsonValues.booleanValue;
import static io.cairn.model.codec.JsonValues.expectObject;
import static io.cairn.model.codec.JsonValues.intValue;
import static io.cairn.model.codec.JsonValues.longValue;
import static io.cairn.model.codec.JsonValues.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cairn.model.DataCenterInfo;
import io.cairn.model.InstanceInfo;
import io.cairn.model.LeaseInfo;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Reads one instance object in any historical JSON dialect (legacy Jackson, XStream/Jettison, Spring's bean
 * mapper), with the legacy reader's defaults. Unlike the legacy reader it skips unknown nested structures cleanly and
 * rejects values it cannot understand instead of guessing.
 */
final class JsonInstanceReader {

    private final LongSupplier clock;
    private final StringPool pool = new StringPool(200_000);

    JsonInstanceReader(LongSupplier clock) {
        this.clock = clock;
    }

    /** Reads from the {@code START_OBJECT} under the parser up to and including its {@code END_OBJECT}. */
    InstanceInfo read(JsonParser p) throws IOException {
        expectObject(p, "instance");
        InstanceInfo.Builder b = InstanceInfo.builder();
        boolean hasLastUpdated = false;
        boolean hasLastDirty = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (field) {
                case "instanceId": b.instanceId(text(p, field)); break;
                case "hostName": b.hostName(text(p, field)); break;
                case "app": b.app(pool.share(WireValues.upper(text(p, field)))); break;
                case "ipAddr": b.ipAddr(text(p, field)); break;
                case "sid": b.sid(pool.share(text(p, field))); break;
                case "status": b.status(WireValues.status("status", text(p, field))); break;
                // XStream's JSON and old servers spell it in lower case.
                case "overriddenStatus":
                case "overriddenstatus":
                    b.overriddenStatus(WireValues.status("overriddenStatus", text(p, field)));
                    break;
                case "port": readPort(p, b, false); break;
                case "securePort": readPort(p, b, true); break;
                case "countryId": b.countryId(intValue(p, field)); break;
                case "dataCenterInfo": b.dataCenterInfo(readDataCenter(p)); break;
                case "leaseInfo": b.leaseInfo(readLease(p)); break;
                case "metadata": b.metadata(readStringMap(p, field, pool)); break;
                case "appGroupName": b.appGroupName(pool.share(WireValues.upper(text(p, field)))); break;
                case "homePageUrl": b.homePageUrl(text(p, field)); break;
                case "statusPageUrl": b.statusPageUrl(text(p, field)); break;
                case "healthCheckUrl": b.healthCheckUrl(text(p, field)); break;
                case "secureHealthCheckUrl": b.secureHealthCheckUrl(text(p, field)); break;
                case "vipAddress": b.vipAddress(pool.share(text(p, field))); break;
                case "secureVipAddress": b.secureVipAddress(pool.share(text(p, field))); break;
                case "isCoordinatingDiscoveryServer": b.coordinatingDiscoveryServer(booleanValue(p, field)); break;
                case "lastUpdatedTimestamp":
                    b.lastUpdatedTimestamp(longValue(p, field));
                    hasLastUpdated = true;
                    break;
                case "lastDirtyTimestamp":
                    b.lastDirtyTimestamp(longValue(p, field));
                    hasLastDirty = true;
                    break;
                case "actionType": b.actionType(WireValues.actionType(text(p, field))); break;
                case "asgName": b.asgName(pool.share(text(p, field))); break;
                default:
                    // identifyingAttribute and any extension: skip the whole value, nested or not.
                    p.skipChildren();
            }
        }
        if (!hasLastUpdated || !hasLastDirty) {
            // The legacy builder stamps both with the parse time; a client without lastDirtyTimestamp thus always
            // looks freshly modified.
            long now = clock.getAsLong();
            if (!hasLastUpdated) {
                b.lastUpdatedTimestamp(now);
            }
            if (!hasLastDirty) {
                b.lastDirtyTimestamp(now);
            }
        }
        return b.build();
    }

    /** {@code {"$": 8080, "@enabled": "true"}} in any key order and scalar flavour; a bare number is the port. */
    private static void readPort(JsonParser p, InstanceInfo.Builder b, boolean secure) throws IOException {
        String name = secure ? "securePort" : "port";
        if (p.currentToken() != JsonToken.START_OBJECT) {
            setPort(b, secure, intValue(p, name));
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            if (field.equals("$")) {
                setPort(b, secure, intValue(p, name));
            } else if (field.equals("@enabled")) {
                boolean enabled = booleanValue(p, name + " @enabled");
                if (secure) {
                    b.securePortEnabled(enabled);
                } else {
                    b.portEnabled(enabled);
                }
            } else {
                p.skipChildren();
            }
        }
    }

    private static void setPort(InstanceInfo.Builder b, boolean secure, int port) {
        if (secure) {
            b.securePort(port);
        } else {
            b.port(port);
        }
    }

    private DataCenterInfo readDataCenter(JsonParser p) throws IOException {
        expectObject(p, "dataCenterInfo");
        String className = null;
        String name = null;
        Map<String, String> metadata = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (field) {
                case "@class": className = text(p, "dataCenterInfo @class"); break;
                case "name": name = text(p, "dataCenterInfo name"); break;
                case "metadata": metadata = readStringMap(p, "dataCenterInfo metadata", pool); break;
                default: p.skipChildren();
            }
        }
        // Both real readers resolve the type from @class and refuse a data center without it.
        if (className == null) {
            throw new CodecException("dataCenterInfo without @class");
        }
        switch (className) {
            case DataCenterInfo.AMAZON_CLASS:
                // AmazonInfo's name is fixed; whatever "name" says, the legacy reader yields an Amazon data center.
                return WireValues.dataCenter("Amazon", metadata);
            case DataCenterInfo.DEFAULT_CLASS:
            case DataCenterInfo.MY_DATA_CENTER_CLASS:
                return WireValues.dataCenter(name, metadata);
            default:
                throw WireValues.invalid("dataCenterInfo @class", className);
        }
    }

    private static LeaseInfo readLease(JsonParser p) throws IOException {
        expectObject(p, "leaseInfo");
        LeaseInfo d = LeaseInfo.DEFAULT;
        int renewalInterval = d.renewalIntervalInSecs();
        int duration = d.durationInSecs();
        long registration = 0;
        long lastRenewal = 0;
        long legacyRenewal = 0;
        boolean hasLastRenewal = false;
        long eviction = 0;
        long serviceUp = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (field) {
                case "renewalIntervalInSecs": renewalInterval = intValue(p, field); break;
                case "durationInSecs": duration = intValue(p, field); break;
                case "registrationTimestamp": registration = longValue(p, field); break;
                case "lastRenewalTimestamp":
                    lastRenewal = longValue(p, field);
                    hasLastRenewal = true;
                    break;
                case "renewalTimestamp": legacyRenewal = longValue(p, field); break;
                case "evictionTimestamp": eviction = longValue(p, field); break;
                case "serviceUpTimestamp": serviceUp = longValue(p, field); break;
                default: p.skipChildren();
            }
        }
        LeaseInfo lease = new LeaseInfo(renewalInterval, duration, registration,
                hasLastRenewal ? lastRenewal : legacyRenewal, eviction, serviceUp);
        // What clients send is nearly always the default; sharing it saves an object per registered instance.
        return lease.equals(LeaseInfo.DEFAULT) ? LeaseInfo.DEFAULT : lease;
    }

    /** A string map; the {@code @class} marker and null values are dropped, scalars are taken as text. */
    private static Map<String, String> readStringMap(JsonParser p, String name, StringPool pool) throws IOException {
        expectObject(p, name);
        Map<String, String> map = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_NULL || key.equals(JsonNames.CLASS)) {
                p.skipChildren();
                continue;
            }
            JsonToken t = p.currentToken();
            // The field's name for an error is only put together when there is one: this runs for every metadata entry.
            String value = pool.share(t.isScalarValue() ? p.getText() : text(p, name + " " + WireValues.quote(key)));
            if (map == null) {
                map = new LinkedHashMap<>();
            }
            map.put(key, value);
        }
        return map == null ? Map.of() : map;
    }
}
