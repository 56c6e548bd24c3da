package io.cairn.client;

import io.cairn.model.Application;
import io.cairn.model.InstanceInfo;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reading the registry: the instances of an application or a VIP address, one instance to call, and notifications
 * of changes. Answers come from the client's in-memory cache and never block on the network; application names and
 * VIP addresses are case-insensitive.
 */
public interface Discovery {

    /** The UP instances of {@code app}, sorted by instance id; empty if there are none. */
    List<InstanceInfo> instances(String app);

    /** The UP instances whose VIP address (a comma-separated list) contains {@code vip}. */
    List<InstanceInfo> instancesByVip(String vip);

    /** The UP instances whose secure VIP address contains {@code vip}. */
    List<InstanceInfo> instancesBySecureVip(String vip);

    /** Every instance of {@code app}, whatever its status; empty if the registry has none. */
    Optional<Application> application(String app);

    /** The upper-case names of the applications that have instances. */
    Set<String> applicationNames();

    /**
     * The instance of {@code app} for the next call: round robin over UP instances, same zone first, weighted by
     * metadata {@code weight}; empty if no instance is UP.
     */
    Optional<InstanceInfo> choose(String app);

    /** As {@link #choose(String)}, over the instances of a VIP address. */
    Optional<InstanceInfo> chooseByVip(String vip);

    /** Calls {@code listener} after every change of the instances of {@code app}, until the subscription is cancelled. */
    Subscription subscribe(String app, RegistryListener listener);

    /** Calls {@code listener} after every change of any application's instances. */
    Subscription subscribeAll(RegistryListener listener);
}
