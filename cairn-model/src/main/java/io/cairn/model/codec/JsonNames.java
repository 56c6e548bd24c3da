package io.cairn.model.codec;

import com.fasterxml.jackson.core.io.SerializedString;
import io.cairn.model.ActionType;
import io.cairn.model.InstanceStatus;

/**
 * Field names and constant values of the legacy Eureka JSON format, pre-encoded once so that writing a large
 * registry does not re-quote the same names for every instance.
 */
final class JsonNames {

    static final String APPLICATIONS = "applications";
    static final String APPLICATION = "application";
    static final String INSTANCE = "instance";
    /** {@code versions_delta} with {@code _} escaped to {@code __}, as every Eureka server writes it. */
    static final String VERSIONS_DELTA = "versions__delta";
    static final String APPS_HASHCODE = "apps__hashcode";
    static final String NAME = "name";
    static final String CLASS = "@class";
    static final String EMPTY_MAP_CLASS = "java.util.Collections$EmptyMap";

    static final SerializedString K_APPLICATIONS = new SerializedString(APPLICATIONS);
    static final SerializedString K_APPLICATION = new SerializedString(APPLICATION);
    static final SerializedString K_INSTANCE = new SerializedString(INSTANCE);
    static final SerializedString K_VERSIONS_DELTA = new SerializedString(VERSIONS_DELTA);
    static final SerializedString K_APPS_HASHCODE = new SerializedString(APPS_HASHCODE);
    static final SerializedString K_NAME = new SerializedString(NAME);
    static final SerializedString K_CLASS = new SerializedString(CLASS);

    static final SerializedString K_INSTANCE_ID = new SerializedString("instanceId");
    static final SerializedString K_HOST_NAME = new SerializedString("hostName");
    static final SerializedString K_APP = new SerializedString("app");
    static final SerializedString K_IP_ADDR = new SerializedString("ipAddr");
    static final SerializedString K_SID = new SerializedString("sid");
    static final SerializedString K_STATUS = new SerializedString("status");
    static final SerializedString K_OVERRIDDEN_STATUS = new SerializedString("overriddenStatus");
    static final SerializedString K_PORT = new SerializedString("port");
    static final SerializedString K_SECURE_PORT = new SerializedString("securePort");
    static final SerializedString K_PORT_VALUE = new SerializedString("$");
    static final SerializedString K_PORT_ENABLED = new SerializedString("@enabled");
    static final SerializedString K_COUNTRY_ID = new SerializedString("countryId");
    static final SerializedString K_DATA_CENTER_INFO = new SerializedString("dataCenterInfo");
    static final SerializedString K_LEASE_INFO = new SerializedString("leaseInfo");
    static final SerializedString K_METADATA = new SerializedString("metadata");
    static final SerializedString K_APP_GROUP_NAME = new SerializedString("appGroupName");
    static final SerializedString K_HOME_PAGE_URL = new SerializedString("homePageUrl");
    static final SerializedString K_STATUS_PAGE_URL = new SerializedString("statusPageUrl");
    static final SerializedString K_HEALTH_CHECK_URL = new SerializedString("healthCheckUrl");
    static final SerializedString K_SECURE_HEALTH_CHECK_URL = new SerializedString("secureHealthCheckUrl");
    static final SerializedString K_VIP_ADDRESS = new SerializedString("vipAddress");
    static final SerializedString K_SECURE_VIP_ADDRESS = new SerializedString("secureVipAddress");
    static final SerializedString K_IS_COORDINATING = new SerializedString("isCoordinatingDiscoveryServer");
    static final SerializedString K_LAST_UPDATED = new SerializedString("lastUpdatedTimestamp");
    static final SerializedString K_LAST_DIRTY = new SerializedString("lastDirtyTimestamp");
    static final SerializedString K_ACTION_TYPE = new SerializedString("actionType");
    static final SerializedString K_ASG_NAME = new SerializedString("asgName");

    static final SerializedString K_RENEWAL_INTERVAL = new SerializedString("renewalIntervalInSecs");
    static final SerializedString K_DURATION = new SerializedString("durationInSecs");
    static final SerializedString K_REGISTRATION_TS = new SerializedString("registrationTimestamp");
    static final SerializedString K_LAST_RENEWAL_TS = new SerializedString("lastRenewalTimestamp");
    static final SerializedString K_EVICTION_TS = new SerializedString("evictionTimestamp");
    static final SerializedString K_SERVICE_UP_TS = new SerializedString("serviceUpTimestamp");

    static final SerializedString V_TRUE = new SerializedString("true");
    static final SerializedString V_FALSE = new SerializedString("false");
    static final SerializedString V_EMPTY_MAP_CLASS = new SerializedString(EMPTY_MAP_CLASS);

    private static final SerializedString[] STATUS = new SerializedString[InstanceStatus.values().length];
    private static final SerializedString[] ACTION = new SerializedString[ActionType.values().length];

    static {
        for (InstanceStatus s : InstanceStatus.values()) {
            STATUS[s.ordinal()] = new SerializedString(s.name());
        }
        for (ActionType a : ActionType.values()) {
            ACTION[a.ordinal()] = new SerializedString(a.name());
        }
    }

    private JsonNames() {
    }

    static SerializedString of(InstanceStatus status) {
        return STATUS[status.ordinal()];
    }

    static SerializedString of(ActionType action) {
        return ACTION[action.ordinal()];
    }

    static SerializedString of(boolean value) {
        return value ? V_TRUE : V_FALSE;
    }
}
