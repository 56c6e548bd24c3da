package io.cairn.server.registry;

import io.cairn.model.ActionType;
import io.cairn.model.InstanceInfo;

/**
 * One change to the registry: the registry index it produced, when, what happened, and the instance's state after it
 * (for a deletion, its last state).
 */
public record Change(long index, long timestamp, ActionType action, InstanceInfo instance) {
}
