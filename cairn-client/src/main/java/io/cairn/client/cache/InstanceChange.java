package io.cairn.client.cache;

import io.cairn.model.ActionType;
import io.cairn.model.InstanceInfo;
import java.util.Objects;

/**
 * One change to apply to the registry cache, from a Eureka delta or a Cairn watch event: the instance's new state
 * ({@code ADDED}, {@code MODIFIED}) or its removal ({@code DELETED}).
 */
public record InstanceChange(ActionType action, InstanceInfo instance) {

    public InstanceChange {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(instance, "instance");
    }
}
