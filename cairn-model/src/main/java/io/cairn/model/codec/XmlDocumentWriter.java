package io.cairn.model.codec;

import io.cairn.model.Application;
import io.cairn.model.Applications;
import io.cairn.model.DataCenterInfo;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.model.LeaseInfo;

import java.io.IOException;
import java.util.Map;

/**
 * Writes applications, applications lists and instances in the element layout of Netflix's XStream converters
 * ({@code Converters.java}). Stateless.
 */
final class XmlDocumentWriter {

    private static final String EMPTY_MAP_CLASS = JsonNames.EMPTY_MAP_CLASS;

    void writeApplications(XmlOutput o, Applications apps, boolean v1) throws IOException {
        o.open("applications");
        o.leaf("versions__delta", Long.toString(apps.versionsDelta()));
        o.leaf("apps__hashcode", apps.appsHashcode());
        for (Application app : apps.applications()) {
            writeApplication(o, app, v1);
        }
        o.close("applications");
    }

    void writeApplication(XmlOutput o, Application app, boolean v1) throws IOException {
        o.open("application");
        o.leaf("name", app.name());
        for (InstanceInfo i : app.instances()) {
            writeInstance(o, i, v1);
        }
        o.close("application");
    }

    void writeInstance(XmlOutput o, InstanceInfo i, boolean v1) throws IOException {
        o.open("instance");
        // XStream cannot write a null hostName, app or ipAddr at all (NullPointerException); omitting the element
        // keeps the document valid and reads back as null.
        optional(o, "instanceId", i.instanceId());
        optional(o, "hostName", i.hostName());
        optional(o, "app", i.app());
        optional(o, "ipAddr", i.ipAddr());
        String sid = i.sid();
        if (sid != null && !"na".equals(sid) && !"unknown".equals(sid)) {
            o.leaf("sid", sid);
        }
        o.leaf("status", status(i.status(), v1));
        // Eureka downgrades only the status on /v1/; the override is written as it is.
        o.leaf("overriddenstatus", i.overriddenStatus().name());
        o.leaf("port", "enabled", Boolean.toString(i.portEnabled()), Integer.toString(i.port()));
        o.leaf("securePort", "enabled", Boolean.toString(i.securePortEnabled()), Integer.toString(i.securePort()));
        o.leaf("countryId", Integer.toString(i.countryId()));
        DataCenterInfo dc = i.dataCenterInfo();
        if (dc != null) {
            o.open("dataCenterInfo", "class", dc.className());
            o.leaf("name", dc.name());
            if (dc.isAmazon()) {
                writeMap(o, dc.metadata());
            }
            o.close("dataCenterInfo");
        }
        if (i.leaseInfo() != null) {
            writeLease(o, i.leaseInfo());
        }
        writeMap(o, i.metadata());
        optional(o, "appGroupName", i.appGroupName());
        optional(o, "homePageUrl", i.homePageUrl());
        optional(o, "statusPageUrl", i.statusPageUrl());
        optional(o, "healthCheckUrl", i.healthCheckUrl());
        optional(o, "secureHealthCheckUrl", i.secureHealthCheckUrl());
        optional(o, "vipAddress", i.vipAddress());
        optional(o, "secureVipAddress", i.secureVipAddress());
        o.leaf("isCoordinatingDiscoveryServer", Boolean.toString(i.coordinatingDiscoveryServer()));
        o.leaf("lastUpdatedTimestamp", Long.toString(i.lastUpdatedTimestamp()));
        o.leaf("lastDirtyTimestamp", Long.toString(i.lastDirtyTimestamp()));
        if (i.actionType() != null) {
            o.leaf("actionType", i.actionType().name());
        }
        optional(o, "asgName", i.asgName());
        o.close("instance");
    }

    /** Version 1 of the protocol predates OUT_OF_SERVICE and UNKNOWN; its clients get DOWN instead. */
    private static String status(InstanceStatus s, boolean v1) {
        if (v1 && s != InstanceStatus.UP && s != InstanceStatus.DOWN && s != InstanceStatus.STARTING) {
            return InstanceStatus.DOWN.name();
        }
        return s.name();
    }

    private static void writeLease(XmlOutput o, LeaseInfo lease) throws IOException {
        o.open("leaseInfo");
        o.leaf("renewalIntervalInSecs", Integer.toString(lease.renewalIntervalInSecs()));
        o.leaf("durationInSecs", Integer.toString(lease.durationInSecs()));
        o.leaf("registrationTimestamp", Long.toString(lease.registrationTimestamp()));
        o.leaf("lastRenewalTimestamp", Long.toString(lease.lastRenewalTimestamp()));
        o.leaf("evictionTimestamp", Long.toString(lease.evictionTimestamp()));
        o.leaf("serviceUpTimestamp", Long.toString(lease.serviceUpTimestamp()));
        o.close("leaseInfo");
    }

    /**
     * One element per entry, named by the coded key. An entry that cannot be written (empty key, null value) is
     * left out; if none can be written the map is written as the empty-map marker.
     */
    private static void writeMap(XmlOutput o, Map<String, String> map) throws IOException {
        boolean opened = false;
        for (Map.Entry<String, String> e : map.entrySet()) {
            String name = XmlNames.encode(e.getKey());
            if (name == null || e.getValue() == null) {
                continue;
            }
            if (!opened) {
                o.open("metadata");
                opened = true;
            }
            o.leaf(name, e.getValue());
        }
        if (opened) {
            o.close("metadata");
        } else {
            o.empty("metadata", "class", EMPTY_MAP_CLASS);
        }
    }

    private static void optional(XmlOutput o, String name, String value) throws IOException {
        if (value != null) {
            o.leaf(name, value);
        }
    }
}
