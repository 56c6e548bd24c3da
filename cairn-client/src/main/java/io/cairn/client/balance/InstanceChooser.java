package io.cairn.client.balance;

import io.cairn.model.InstanceInfo;
import java.util.List;
import java.util.Optional;

/**
 * Picks the instance for the next call among an application's (or VIP's) instances. Implementations must be
 * thread-safe; {@link ZoneAwareRoundRobin} is the default.
 */
@FunctionalInterface
public interface InstanceChooser {

    /**
     * @param key       what is being called, e.g. {@code app:ORDERS} or {@code vip:orders}; implementations keep
     *                  their rotation state per key
     * @param instances the candidates, sorted by instance id; may contain instances that are not UP
     * @return the chosen instance, or empty if none may be called
     */
    Optional<InstanceInfo> choose(String key, List<InstanceInfo> instances);
}
