package io.cairn.client.balance;

import io.cairn.model.DataCenterInfo;
import io.cairn.model.InstanceInfo;

/** Reads the zone and the weight an instance advertises. */
public final class Zones {
    /** The metadata key Spring Cloud and Cairn use for an instance's zone. */
    public static final String ZONE_KEY = "zone";
    /** The metadata key for an instance's relative weight (a positive integer, 1 when absent). */
    public static final String WEIGHT_KEY = "weight";

    private Zones() {
    }

    /** The instance's zone: metadata {@code zone}, else the AWS {@code availability-zone}; null if neither. */
    public static String zoneOf(InstanceInfo i) {
        String z = i.metadata().get(ZONE_KEY);
        if (z != null && !z.isBlank()) {
            return z.trim();
        }
        DataCenterInfo dc = i.dataCenterInfo();
        if (dc != null && dc.isAmazon()) {
            String az = dc.metadata().get("availability-zone");
            if (az != null && !az.isBlank()) {
                return az.trim();
            }
        }
        return null;
    }

    /**
     * The instance's weight from metadata {@code weight}: a non-negative integer (0 drains the instance while others
     * have weight); 1 when absent or not a number; capped at 1000.
     */
    public static int weightOf(InstanceInfo i) {
        String w = i.metadata().get(WEIGHT_KEY);
        if (w == null) {
            return 1;
        }
        try {
            int v = Integer.parseInt(w.trim());
            return v < 0 ? 1 : Math.min(v, 1000);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
