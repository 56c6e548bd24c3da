package io.cairn.model.codec;

import io.cairn.model.Application;
import io.cairn.model.Applications;
import io.cairn.model.DataCenterInfo;
import io.cairn.model.InstanceInfo;
import io.cairn.model.LeaseInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads XStream-style Eureka XML from a StAX reader. Each {@code read*} method starts on its element's
 * {@code START_ELEMENT} and returns on the matching {@code END_ELEMENT}; unknown elements are skipped whole.
 */
final class XmlDocumentReader {

    private final LongSupplier clock;

    XmlDocumentReader(LongSupplier clock) {
        this.clock = clock;
    }

    Applications readApplications(XMLStreamReader r) throws XMLStreamException {
        long version = -1;
        String hash = "";
        List<Application> apps = new ArrayList<>();
        while (nextChild(r)) {
            String name = r.getLocalName();
            switch (name) {
                case JsonNames.VERSIONS_DELTA: version = WireValues.parseLong(name, text(r, name)); break;
                case JsonNames.APPS_HASHCODE: hash = text(r, name); break;
                case JsonNames.APPLICATION: apps.add(readApplication(r)); break;
                default: skip(r);
            }
        }
        return new Applications(version, hash, apps);
    }

    Application readApplication(XMLStreamReader r) throws XMLStreamException {
        String appName = null;
        List<InstanceInfo> instances = new ArrayList<>();
        while (nextChild(r)) {
            String name = r.getLocalName();
            switch (name) {
                case JsonNames.NAME: appName = text(r, "application name"); break;
                case JsonNames.INSTANCE: instances.add(readInstance(r)); break;
                default: skip(r);
            }
        }
        if (appName == null) {
            throw new CodecException("application without name");
        }
        return new Application(appName, instances);
    }

    InstanceInfo readInstance(XMLStreamReader r) throws XMLStreamException {
        InstanceInfo.Builder b = InstanceInfo.builder();
        boolean hasLastUpdated = false;
        boolean hasLastDirty = false;
        while (nextChild(r)) {
            String name = r.getLocalName();
            switch (name) {
                case "instanceId": b.instanceId(text(r, name)); break;
                case "hostName": b.hostName(text(r, name)); break;
                case "app": b.app(WireValues.upper(text(r, name))); break;
                case "ipAddr": b.ipAddr(text(r, name)); break;
                case "sid": b.sid(text(r, name)); break;
                case "status": b.status(WireValues.status(name, text(r, name))); break;
                // XStream writes the lower-case spelling; the camel case one is the JSON name.
                case "overriddenstatus":
                case "overriddenStatus":
                    b.overriddenStatus(WireValues.status("overriddenStatus", text(r, name)));
                    break;
                case "port": {
                    // A missing attribute means enabled for the plain port, disabled for the secure one.
                    String enabled = r.getAttributeValue(null, "enabled");
                    b.portEnabled(enabled == null || WireValues.parseBoolean("port enabled", enabled));
                    b.port(WireValues.parseInt(name, text(r, name)));
                    break;
                }
                case "securePort": {
                    String enabled = r.getAttributeValue(null, "enabled");
                    b.securePortEnabled(enabled != null && WireValues.parseBoolean("securePort enabled", enabled));
                    b.securePort(WireValues.parseInt(name, text(r, name)));
                    break;
                }
                case "countryId": b.countryId(WireValues.parseInt(name, text(r, name))); break;
                case "dataCenterInfo": b.dataCenterInfo(readDataCenter(r)); break;
                case "leaseInfo": b.leaseInfo(readLease(r)); break;
                case "metadata": b.metadata(readMap(r)); break;
                case "appGroupName": b.appGroupName(WireValues.upper(text(r, name))); break;
                case "homePageUrl": b.homePageUrl(text(r, name)); break;
                case "statusPageUrl": b.statusPageUrl(text(r, name)); break;
                case "healthCheckUrl": b.healthCheckUrl(text(r, name)); break;
                case "secureHealthCheckUrl": b.secureHealthCheckUrl(text(r, name)); break;
                case "vipAddress": b.vipAddress(text(r, name)); break;
                case "secureVipAddress": b.secureVipAddress(text(r, name)); break;
                case "isCoordinatingDiscoveryServer":
                    b.coordinatingDiscoveryServer(WireValues.parseBoolean(name, text(r, name)));
                    break;
                case "lastUpdatedTimestamp":
                    b.lastUpdatedTimestamp(WireValues.parseLong(name, text(r, name)));
                    hasLastUpdated = true;
                    break;
                case "lastDirtyTimestamp":
                    b.lastDirtyTimestamp(WireValues.parseLong(name, text(r, name)));
                    hasLastDirty = true;
                    break;
                case "actionType": b.actionType(WireValues.actionType(text(r, name))); break;
                case "asgName": b.asgName(text(r, name)); break;
                default: skip(r);
            }
        }
        if (!hasLastUpdated || !hasLastDirty) {
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

    /** XStream ignores the {@code class} attribute here and goes by the name, Amazon in any case; so do we. */
    private static DataCenterInfo readDataCenter(XMLStreamReader r) throws XMLStreamException {
        String dcName = null;
        Map<String, String> metadata = null;
        while (nextChild(r)) {
            String name = r.getLocalName();
            switch (name) {
                case "name": dcName = text(r, "dataCenterInfo name"); break;
                case "metadata": metadata = readMap(r); break;
                default: skip(r);
            }
        }
        if (dcName != null && dcName.equalsIgnoreCase("Amazon")) {
            dcName = "Amazon";
        }
        return WireValues.dataCenter(dcName, metadata);
    }

    private static LeaseInfo readLease(XMLStreamReader r) throws XMLStreamException {
        LeaseInfo d = LeaseInfo.DEFAULT;
        int renewalInterval = d.renewalIntervalInSecs();
        int duration = d.durationInSecs();
        long registration = 0;
        long lastRenewal = 0;
        long legacyRenewal = 0;
        boolean hasLastRenewal = false;
        long eviction = 0;
        long serviceUp = 0;
        while (nextChild(r)) {
            String name = r.getLocalName();
            switch (name) {
                case "renewalIntervalInSecs": renewalInterval = WireValues.parseInt(name, text(r, name)); break;
                case "durationInSecs": duration = WireValues.parseInt(name, text(r, name)); break;
                case "registrationTimestamp": registration = WireValues.parseLong(name, text(r, name)); break;
                case "lastRenewalTimestamp":
                    lastRenewal = WireValues.parseLong(name, text(r, name));
                    hasLastRenewal = true;
                    break;
                case "renewalTimestamp": legacyRenewal = WireValues.parseLong(name, text(r, name)); break;
                case "evictionTimestamp": eviction = WireValues.parseLong(name, text(r, name)); break;
                case "serviceUpTimestamp": serviceUp = WireValues.parseLong(name, text(r, name)); break;
                default: skip(r);
            }
        }
        return new LeaseInfo(renewalInterval, duration, registration,
                hasLastRenewal ? lastRenewal : legacyRenewal, eviction, serviceUp);
    }

    /** One child per entry, the key coded in the element name; the {@code class} attribute is only a type hint. */
    private static Map<String, String> readMap(XMLStreamReader r) throws XMLStreamException {
        Map<String, String> map = null;
        while (nextChild(r)) {
            String key = XmlNames.decode(r.getLocalName());
            String value = text(r, "metadata " + WireValues.quote(key));
            if (map == null) {
                map = new LinkedHashMap<>();
            }
            map.put(key, value);
        }
        return map == null ? Map.of() : map;
    }

    /** Advances to the next child element of the current one; false on the current element's end. */
    private static boolean nextChild(XMLStreamReader r) throws XMLStreamException {
        while (true) {
            switch (r.next()) {
                case XMLStreamConstants.START_ELEMENT: return true;
                case XMLStreamConstants.END_ELEMENT: return false;
                case XMLStreamConstants.END_DOCUMENT: throw new CodecException("truncated XML document");
                case XMLStreamConstants.DTD: throw new CodecException("DOCTYPE is not allowed");
                default: // whitespace, stray text, comments and processing instructions between elements
            }
        }
    }

    /** The text of a leaf element, ending on its END_ELEMENT; an element with children is rejected. */
    private static String text(XMLStreamReader r, String what) throws XMLStreamException {
        String first = null;
        StringBuilder more = null;
        while (true) {
            switch (r.next()) {
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                case XMLStreamConstants.SPACE:
                case XMLStreamConstants.ENTITY_REFERENCE:
                    if (first == null) {
                        first = r.getText();
                    } else {
                        if (more == null) {
                            more = new StringBuilder(first);
                        }
                        more.append(r.getText());
                    }
                    break;
                case XMLStreamConstants.END_ELEMENT:
                    return more != null ? more.toString() : first != null ? first : "";
                case XMLStreamConstants.START_ELEMENT:
                    throw new CodecException(what + " must be text, not elements");
                case XMLStreamConstants.END_DOCUMENT:
                    throw new CodecException("truncated XML document");
                default: // comments and processing instructions inside the text
            }
        }
    }

    /** Skips the current element with everything inside it, ending on its END_ELEMENT. */
    private static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            switch (r.next()) {
                case XMLStreamConstants.START_ELEMENT: depth++; break;
                case XMLStreamConstants.END_ELEMENT: depth--; break;
                case XMLStreamConstants.END_DOCUMENT: throw new CodecException("truncated XML document");
                default:
            }
        }
    }
}
