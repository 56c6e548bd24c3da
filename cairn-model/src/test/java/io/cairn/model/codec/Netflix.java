package io.cairn.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.appinfo.AmazonInfo;
import com.netflix.appinfo.InstanceInfo.PortType;
import com.netflix.appinfo.MyDataCenterInfo;
import com.netflix.discovery.converters.wrappers.CodecWrapper;
import com.netflix.discovery.converters.wrappers.CodecWrappers;
import io.cairn.model.Application;
import io.cairn.model.Applications;
import io.cairn.model.DataCenterInfo;
import io.cairn.model.InstanceInfo;
import io.cairn.model.LeaseInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;

/** The real Netflix codecs (eureka-client 2.0.4) and a bridge between their model and Cairn's. */
@SuppressWarnings("deprecation") // sid, countryId and the version are deprecated upstream yet still on the wire
final class Netflix {

    /** What Eureka servers and Jersey clients use for JSON. */
    static final CodecWrapper JSON = CodecWrappers.getCodec(CodecWrappers.LegacyJacksonJson.class);
    /** What Eureka servers use for XML. */
    static final CodecWrapper XML = CodecWrappers.getCodec(CodecWrappers.XStreamXml.class);
    /** The old XStream/Jettison JSON that some clients still send. */
    static final CodecWrapper XSTREAM_JSON = CodecWrappers.getCodec(CodecWrappers.XStreamJson.class);
    /** The mini codec behind {@code X-Eureka-Accept: compact}. */
    static final CodecWrapper MINI_JSON = CodecWrappers.getCodec(CodecWrappers.JacksonJsonMini.class);

    private Netflix() {
    }

    static byte[] encode(CodecWrapper codec, Object value) {
        try {
            return codec.encode(value).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T decode(CodecWrapper codec, byte[] bytes, Class<T> type) {
        try {
            return codec.decode(new String(bytes, StandardCharsets.UTF_8), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same instance as a Netflix value, built with the raw (deserialization) setters so nothing is derived. */
    static com.netflix.appinfo.InstanceInfo toNetflix(InstanceInfo c) {
        com.netflix.appinfo.InstanceInfo.Builder b = com.netflix.appinfo.InstanceInfo.Builder.newBuilder()
                .setInstanceId(c.instanceId())
                .setAppNameForDeser(c.app())
                .setHostName(c.hostName())
                .setIPAddr(c.ipAddr())
                .setStatus(status(c.status()))
                .setOverriddenStatus(status(c.overriddenStatus()))
                .setPort(c.port())
                .enablePort(PortType.UNSECURE, c.portEnabled())
                .setSecurePort(c.securePort())
                .enablePort(PortType.SECURE, c.securePortEnabled())
                .setCountryId(c.countryId())
                .setMetadata(new LinkedHashMap<>(c.metadata()))
                .setAppGroupNameForDeser(c.appGroupName())
                .setHomePageUrlForDeser(c.homePageUrl())
                .setStatusPageUrlForDeser(c.statusPageUrl())
                .setHealthCheckUrlsForDeser(c.healthCheckUrl(), c.secureHealthCheckUrl())
                .setVIPAddressDeser(c.vipAddress())
                .setSecureVIPAddressDeser(c.secureVipAddress())
                .setIsCoordinatingDiscoveryServer(c.coordinatingDiscoveryServer())
                .setLastUpdatedTimestamp(c.lastUpdatedTimestamp())
                .setLastDirtyTimestamp(c.lastDirtyTimestamp())
                .setActionType(c.actionType() == null ? null
                        : com.netflix.appinfo.InstanceInfo.ActionType.valueOf(c.actionType().name()))
                .setASGName(c.asgName());
        if (c.sid() != null) {
            b.setSID(c.sid());
        }
        if (c.dataCenterInfo() != null) {
            b.setDataCenterInfo(toNetflix(c.dataCenterInfo()));
        }
        if (c.leaseInfo() != null) {
            LeaseInfo l = c.leaseInfo();
            b.setLeaseInfo(com.netflix.appinfo.LeaseInfo.Builder.newBuilder()
                    .setRenewalIntervalInSecs(l.renewalIntervalInSecs())
                    .setDurationInSecs(l.durationInSecs())
                    .setRegistrationTimestamp(l.registrationTimestamp())
                    .setRenewalTimestamp(l.lastRenewalTimestamp())
                    .setEvictionTimestamp(l.evictionTimestamp())
                    .setServiceUpTimestamp(l.serviceUpTimestamp())
                    .build());
        }
        return b.build();
    }

    static com.netflix.appinfo.DataCenterInfo toNetflix(DataCenterInfo dc) {
        if (dc.isAmazon()) {
            AmazonInfo amazon = new AmazonInfo();
            // Insertion order, so that the Netflix writer walks the map in the same order as Cairn's.
            amazon.setMetadata(new LinkedHashMap<>(dc.metadata()));
            return amazon;
        }
        return new MyDataCenterInfo(com.netflix.appinfo.DataCenterInfo.Name.valueOf(dc.name()));
    }

    static com.netflix.discovery.shared.Application toNetflix(Application app) {
        com.netflix.discovery.shared.Application n = new com.netflix.discovery.shared.Application(app.name());
        app.instances().forEach(i -> n.addInstance(toNetflix(i)));
        return n;
    }

    static com.netflix.discovery.shared.Applications toNetflix(Applications apps) {
        com.netflix.discovery.shared.Applications n = new com.netflix.discovery.shared.Applications();
        apps.applications().forEach(a -> n.addApplication(toNetflix(a)));
        n.setVersion(apps.versionsDelta());
        n.setAppsHashCode(apps.appsHashcode());
        return n;
    }

    static com.netflix.appinfo.InstanceInfo.InstanceStatus status(io.cairn.model.InstanceStatus s) {
        return com.netflix.appinfo.InstanceInfo.InstanceStatus.valueOf(s.name());
    }

    /** Field-by-field: every getter the Netflix model has for a wire field. */
    static void assertEquivalent(com.netflix.appinfo.InstanceInfo n, InstanceInfo c) {
        SoftAssertions s = new SoftAssertions();
        s.assertThat(n.getInstanceId()).as("instanceId").isEqualTo(c.instanceId());
        s.assertThat(n.getHostName()).as("hostName").isEqualTo(c.hostName());
        s.assertThat(n.getAppName()).as("app").isEqualTo(c.app());
        s.assertThat(n.getIPAddr()).as("ipAddr").isEqualTo(c.ipAddr());
        s.assertThat(n.getSID()).as("sid").isEqualTo(c.sid());
        s.assertThat(n.getStatus().name()).as("status").isEqualTo(c.status().name());
        s.assertThat(n.getOverriddenStatus().name()).as("overriddenStatus").isEqualTo(c.overriddenStatus().name());
        s.assertThat(n.getPort()).as("port").isEqualTo(c.port());
        s.assertThat(n.isPortEnabled(PortType.UNSECURE)).as("port enabled").isEqualTo(c.portEnabled());
        s.assertThat(n.getSecurePort()).as("securePort").isEqualTo(c.securePort());
        s.assertThat(n.isPortEnabled(PortType.SECURE)).as("securePort enabled").isEqualTo(c.securePortEnabled());
        s.assertThat(n.getCountryId()).as("countryId").isEqualTo(c.countryId());
        if (c.dataCenterInfo() == null) {
            s.assertThat(n.getDataCenterInfo()).as("dataCenterInfo").isNull();
        } else {
            s.assertThat(n.getDataCenterInfo().getName().name()).as("dataCenterInfo name")
                    .isEqualTo(c.dataCenterInfo().name());
            Map<String, String> aws = n.getDataCenterInfo() instanceof AmazonInfo
                    ? ((AmazonInfo) n.getDataCenterInfo()).getMetadata() : Map.of();
            s.assertThat(aws).as("dataCenterInfo metadata").isEqualTo(c.dataCenterInfo().metadata());
        }
        if (c.leaseInfo() == null) {
            s.assertThat(n.getLeaseInfo()).as("leaseInfo").isNull();
        } else {
            com.netflix.appinfo.LeaseInfo l = n.getLeaseInfo();
            s.assertThat(l).as("leaseInfo").isNotNull();
            if (l != null) {
                s.assertThat(new LeaseInfo(l.getRenewalIntervalInSecs(), l.getDurationInSecs(),
                        l.getRegistrationTimestamp(), l.getRenewalTimestamp(), l.getEvictionTimestamp(),
                        l.getServiceUpTimestamp())).as("leaseInfo").isEqualTo(c.leaseInfo());
            }
        }
        s.assertThat(n.getMetadata()).as("metadata").isEqualTo(c.metadata());
        s.assertThat(n.getAppGroupName()).as("appGroupName").isEqualTo(c.appGroupName());
        s.assertThat(n.getHomePageUrl()).as("homePageUrl").isEqualTo(c.homePageUrl());
        s.assertThat(n.getStatusPageUrl()).as("statusPageUrl").isEqualTo(c.statusPageUrl());
        s.assertThat(n.getHealthCheckUrl()).as("healthCheckUrl").isEqualTo(c.healthCheckUrl());
        s.assertThat(n.getSecureHealthCheckUrl()).as("secureHealthCheckUrl").isEqualTo(c.secureHealthCheckUrl());
        s.assertThat(n.getVIPAddress()).as("vipAddress").isEqualTo(c.vipAddress());
        s.assertThat(n.getSecureVipAddress()).as("secureVipAddress").isEqualTo(c.secureVipAddress());
        s.assertThat(n.isCoordinatingDiscoveryServer()).as("isCoordinatingDiscoveryServer")
                .isEqualTo(c.coordinatingDiscoveryServer());
        s.assertThat(n.getLastUpdatedTimestamp()).as("lastUpdatedTimestamp").isEqualTo(c.lastUpdatedTimestamp());
        s.assertThat(n.getLastDirtyTimestamp()).as("lastDirtyTimestamp").isEqualTo(c.lastDirtyTimestamp());
        s.assertThat(n.getActionType() == null ? null : n.getActionType().name()).as("actionType")
                .isEqualTo(c.actionType() == null ? null : c.actionType().name());
        s.assertThat(n.getASGName()).as("asgName").isEqualTo(c.asgName());
        s.assertAll();
    }

    static void assertEquivalent(com.netflix.discovery.shared.Applications n, Applications c) {
        assertThat(n.getVersion()).as("versions__delta").isEqualTo(c.versionsDelta());
        assertThat(n.getAppsHashCode()).as("apps__hashcode").isEqualTo(c.appsHashcode());
        List<com.netflix.discovery.shared.Application> apps = n.getRegisteredApplications();
        assertThat(apps).extracting(com.netflix.discovery.shared.Application::getName)
                .containsExactlyElementsOf(c.applications().stream().map(Application::name).toList());
        for (int a = 0; a < apps.size(); a++) {
            List<com.netflix.appinfo.InstanceInfo> ni = apps.get(a).getInstancesAsIsFromEureka();
            List<InstanceInfo> ci = c.applications().get(a).instances();
            assertThat(ni).hasSameSizeAs(ci);
            for (int i = 0; i < ni.size(); i++) {
                assertEquivalent(ni.get(i), ci.get(i));
            }
        }
    }
}
