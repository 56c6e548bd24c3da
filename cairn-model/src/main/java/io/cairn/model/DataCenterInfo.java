package io.cairn.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where an instance runs: {@code MyOwn} (every non-AWS instance), {@code Netflix}, or {@code Amazon} with its EC2
 * metadata (whose {@code instance-id} and {@code availability-zone} matter to clients).
 */
public record DataCenterInfo(String name, Map<String, String> metadata) {

    /** The {@code @class} hint Eureka writes for every non-AWS data center. */
    public static final String DEFAULT_CLASS = "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo";
    /** The {@code @class} hint of an AWS data center. */
    public static final String AMAZON_CLASS = "com.netflix.appinfo.AmazonInfo";
    /** The alternative class name readers also accept for a non-AWS data center. */
    public static final String MY_DATA_CENTER_CLASS = "com.netflix.appinfo.MyDataCenterInfo";

    /** The data center of every instance outside AWS. */
    public static final DataCenterInfo MY_OWN = new DataCenterInfo("MyOwn", Map.of());

    public DataCenterInfo {
        Objects.requireNonNull(name, "name");
        metadata = metadata == null || metadata.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** True for an AWS data center. */
    public boolean isAmazon() {
        return "Amazon".equals(name);
    }

    /** The {@code @class} hint written for this data center. */
    public String className() {
        return isAmazon() ? AMAZON_CLASS : DEFAULT_CLASS;
    }

    /** The EC2 instance id, or null. */
    public String amazonInstanceId() {
        return isAmazon() ? metadata.get("instance-id") : null;
    }
}
